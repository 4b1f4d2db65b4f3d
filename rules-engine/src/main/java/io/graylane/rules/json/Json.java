package io.graylane.rules.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) parser with no dependencies.
 *
 * <p>Values map to: object → unmodifiable {@code LinkedHashMap<String,Object>} (member order kept),
 * array → unmodifiable {@code List<Object>}, string → {@link String}, number → {@link JsonNumber},
 * {@code true/false} → {@link Boolean}, {@code null} → {@link #NULL}. Duplicate member names and
 * nesting deeper than {@link #MAX_DEPTH} are errors. Every error is a {@link JsonException}.
 */
public final class Json {
    /** The JSON {@code null} literal. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    public static final int MAX_DEPTH = 64;

    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    public static Object parse(String text) throws JsonException {
        if (text == null) {
            throw new JsonException("no JSON text (null)");
        }
        Json p = new Json(text);
        p.skipWs();
        if (p.pos < text.length() && text.charAt(p.pos) == '\uFEFF') {
            p.pos++;
            p.skipWs();
        }
        Object v = p.value(0, "$");
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the end of the document");
        }
        return v;
    }

    private Object value(int depth, String path) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= s.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth, path);
            case '[':
                return array(depth, path);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describeHere() + ", expected a value");
        }
    }

    private Map<String, Object> object(int depth, String path) throws JsonException {
        pos++; // {
        Map<String, Object> m = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw error("unexpected " + describeHere() + ", expected a member name in double quotes");
            }
            int keyPos = pos;
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            String childPath = path.equals("$") ? key : path + "." + key;
            Object v = value(depth + 1, childPath);
            if (m.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate member \"" + key + "\" in " + (path.equals("$") ? "the document" : path));
            }
            m.put(key, v);
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return Collections.unmodifiableMap(m);
            } else {
                throw error("unexpected " + describeHere() + ", expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth, String path) throws JsonException {
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWs();
            list.add(value(depth + 1, path + "[" + list.size() + "]"));
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return Collections.unmodifiableList(list);
            } else {
                throw error("unexpected " + describeHere() + ", expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonException {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= s.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String out = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                pos++;
                return out;
            }
            if (c < 0x20) {
                throw error("control character U+" + hex4(c) + " in a string (escape it)");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, runStart, pos);
                pos++;
                if (pos >= s.length()) {
                    throw error("unterminated escape sequence");
                }
                char e = s.charAt(pos);
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (pos + 4 >= s.length()) {
                            throw error("truncated \\u escape");
                        }
                        int cp = 0;
                        for (int i = 1; i <= 4; i++) {
                            int d = Character.digit(s.charAt(pos + i), 16);
                            if (d < 0) {
                                throw error("invalid \\u escape");
                            }
                            cp = cp * 16 + d;
                        }
                        sb.append((char) cp);
                        pos += 4;
                        break;
                    default:
                        throw error("invalid escape \\" + printable(e));
                }
                pos++;
                runStart = pos;
                continue;
            }
            pos++;
        }
    }

    private JsonNumber number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("invalid number: expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number: expected a digit after '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number: expected a digit in the exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start > 200) {
            throw error("number literal longer than 200 characters");
        }
        return new JsonNumber(s.substring(start, pos));
    }

    private void literal(String word) throws JsonException {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected " + describeHere() + ", expected a value");
        }
        pos += word.length();
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) {
            throw error("unexpected " + describeHere() + ", expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private String describeHere() {
        if (pos >= s.length()) {
            return "end of input";
        }
        return "'" + printable(s.charAt(pos)) + "'";
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : "U+" + hex4(c);
    }

    private static String hex4(char c) {
        String h = Integer.toHexString(c).toUpperCase();
        return "0000".substring(h.length()) + h;
    }

    private JsonException error(String msg) {
        int line = 1;
        int col = 1;
        int end = Math.min(pos, s.length());
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new JsonException("invalid JSON at line " + line + ", column " + col + ": " + msg);
    }

    /** Writes a value tree back as compact JSON text. */
    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object v, StringBuilder sb) {
        if (v == null || v == NULL) {
            sb.append("null");
        } else if (v instanceof String) {
            quote((String) v, sb);
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<Object>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(o, sb);
            }
            sb.append(']');
        } else {
            sb.append(v.toString());
        }
    }

    public static void quote(String str, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u").append(hex4(c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** Short human form of a value for error messages: strings quoted, containers abbreviated. */
    public static String describe(Object v) {
        if (v instanceof String) {
            String str = (String) v;
            StringBuilder sb = new StringBuilder();
            quote(str.length() > 60 ? str.substring(0, 57) + "..." : str, sb);
            return sb.toString();
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        return String.valueOf(v);
    }
}
