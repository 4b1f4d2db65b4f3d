package io.graylane.rules.cli;

import io.graylane.rules.AttributeSource;
import io.graylane.rules.Attributes;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleDocuments;
import io.graylane.rules.RuleValidationException;
import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonException;
import io.graylane.rules.json.JsonNumber;
import io.graylane.rules.model.Scene;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rules eval FILE --batch INPUT|-}: evaluates one attribute set per input line (a JSON object of strings or
 * numbers; blank lines and lines starting with {@code #} are skipped) and prints one JSON result per line, for CI:
 * {@code {"line":N,"lane":"gray"|null,"scenes":{"name":{"hit":true,"group":"A"}}}}, or
 * {@code {"line":N,"error":"…"}} for a line that is not a valid attribute set. Input is read as UTF-8 whatever
 * the locale.
 */
final class BatchEval {
    private BatchEval() {
    }

    /** Returns {@link RulesCli#OK}, or {@link RulesCli#USAGE} when some input line was not a valid attribute set. */
    static int run(RuleDocument doc, InputStream input, PrintStream out, PrintStream err) throws IOException {
        byte[] bytes = readAll(input);
        int status = RulesCli.OK;
        int lineNo = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            String line;
            try {
                line = RuleDocuments.utf8(Arrays.copyOfRange(bytes, start, stop), "the line");
            } catch (RuleValidationException e) {
                line = null;
                status = fail(lineNo, e.problems().get(0).substring(3), out, err);
            }
            start = end + 1;
            if (line == null || line.trim().isEmpty() || line.trim().startsWith("#")) {
                continue;
            }
            Map<String, String> attrs;
            try {
                attrs = attributes(line);
            } catch (JsonException e) {
                status = fail(lineNo, e.getMessage(), out, err);
                continue;
            }
            out.println(result(doc, lineNo, Attributes.of(attrs)));
        }
        return status;
    }

    private static int fail(int lineNo, String message, PrintStream out, PrintStream err) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("line", new JsonNumber(Integer.toString(lineNo)));
        r.put("error", message);
        out.println(Json.write(r));
        err.println("rules eval: line " + lineNo + ": " + message);
        return RulesCli.USAGE;
    }

    /** A JSON object of strings or numbers (a number counts as its literal text); a repeated name is an error. */
    static Map<String, String> attributes(String line) throws JsonException {
        Object tree = Json.parse(line);
        if (!(tree instanceof Map)) {
            throw new JsonException("expected a JSON object of attributes, got " + Json.describe(tree));
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) tree).entrySet()) {
            Object v = e.getValue();
            if (v instanceof String) {
                attrs.put((String) e.getKey(), (String) v);
            } else if (v instanceof JsonNumber) {
                attrs.put((String) e.getKey(), ((JsonNumber) v).text());
            } else {
                throw new JsonException("attribute " + e.getKey() + ": " + Json.describe(v) + " is not a string or number");
            }
        }
        return attrs;
    }

    static String result(RuleDocument doc, int lineNo, AttributeSource a) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("line", new JsonNumber(Integer.toString(lineNo)));
        r.put("lane", doc.decideLane(a));
        Map<String, Object> scenes = new LinkedHashMap<>();
        for (Scene s : doc.scenes().values()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("hit", s.toggle().hits(a));
            if (s.experiment() != null) {
                one.put("group", doc.experimentGroup(s.name(), a));
            }
            scenes.put(s.name(), one);
        }
        r.put("scenes", scenes);
        return Json.write(r);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }
}
