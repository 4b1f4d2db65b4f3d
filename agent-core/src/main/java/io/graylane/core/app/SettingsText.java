package io.graylane.core.app;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Flat {@code a.b.c → value} maps from {@code .properties} text and from the simple YAML of Spring configuration. */
final class SettingsText {
    private SettingsText() {
    }

    static Map<String, String> properties(String text) {
        Map<String, String> out = new LinkedHashMap<String, String>();
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return out;
        }
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    /**
     * Block mappings ({@code key: value}, nested by indentation) of the first document; lists, flow collections,
     * anchors and multi-line scalars are skipped. Quotes around a scalar are removed; {@code #} comments dropped.
     */
    static Map<String, String> yaml(String text) {
        Map<String, String> out = new LinkedHashMap<String, String>();
        List<int[]> indents = new ArrayList<int[]>();
        List<String> keys = new ArrayList<String>();
        boolean started = false;
        for (String raw : text.split("\r?\n")) {
            if (raw.startsWith("---")) {
                if (started) {
                    break;
                }
                continue;
            }
            String line = stripComment(raw);
            if (line.trim().isEmpty()) {
                continue;
            }
            started = true;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String content = line.trim();
            if (content.startsWith("- ") || content.equals("-")) {
                continue;
            }
            int colon = content.indexOf(": ");
            if (colon < 0 && content.endsWith(":")) {
                colon = content.length() - 1;
            }
            if (colon <= 0) {
                continue;
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= indent) {
                indents.remove(indents.size() - 1);
                keys.remove(keys.size() - 1);
            }
            String key = unquote(content.substring(0, colon).trim());
            String value = content.substring(colon + 1).trim();
            StringBuilder path = new StringBuilder();
            for (String k : keys) {
                path.append(k).append('.');
            }
            path.append(key);
            if (value.isEmpty()) {
                indents.add(new int[] {indent});
                keys.add(key);
            } else if (!value.startsWith("[") && !value.startsWith("{") && !value.startsWith("|")
                    && !value.startsWith(">") && !value.startsWith("&") && !value.startsWith("*")) {
                out.put(path.toString(), unquote(value));
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || line.charAt(i - 1) == ' ')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
