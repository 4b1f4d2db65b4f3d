package io.graylane.rules;

import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonNumber;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reads typed fields out of a parsed JSON object, reporting each wrong or missing one to {@link Problems} by path. */
final class Fields {
    final Problems problems;

    Fields(Problems problems) {
        this.problems = problems;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object o, String path) {
        if (o instanceof Map) {
            return (Map<String, Object>) o;
        }
        problems.add(path, Json.describe(o) + " is not an object");
        return null;
    }

    @SuppressWarnings("unchecked")
    List<Object> array(Object o, String path) {
        if (o instanceof List) {
            return (List<Object>) o;
        }
        problems.add(path, Json.describe(o) + " is not an array");
        return null;
    }

    void knownKeys(Map<String, Object> m, String path, List<String> allowed) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                problems.add(path.equals("$") ? k : path + "." + k, "unknown field (allowed here: " + join(allowed) + ")");
            }
        }
    }

    String optString(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return (String) v;
        }
        problems.add(path, Json.describe(v) + " is not a string");
        return null;
    }

    String reqString(Map<String, Object> m, String key, String path, String what) {
        Object v = m.get(key);
        if (v == null) {
            problems.add(path, "is required (" + what + ")");
            return null;
        }
        if (v instanceof String && !((String) v).isEmpty()) {
            // interned: attribute names are compared with literals in AttributeSource implementations
            // (switch, HashMap with literal keys), where an identical reference skips the char compare
            return ((String) v).intern();
        }
        problems.add(path, (v instanceof String ? "empty string" : Json.describe(v)) + " is not " + what);
        return null;
    }

    Boolean optBool(Map<String, Object> m, String key, String path, boolean def) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        problems.add(path, Json.describe(v) + " is not a boolean (true or false)");
        return null;
    }

    Integer optInt(Map<String, Object> m, String key, String path, int min, int max, int def) {
        if (!m.containsKey(key)) {
            return def;
        }
        return intValue(m.get(key), path, min, max, "an integer");
    }

    Integer reqInt(Map<String, Object> m, String key, String path, int min, int max, String what) {
        if (!m.containsKey(key)) {
            problems.add(path, "is required (" + what + ")");
            return null;
        }
        return intValue(m.get(key), path, min, max, what);
    }

    private Integer intValue(Object v, String path, int min, int max, String what) {
        if (v instanceof JsonNumber && isInteger((JsonNumber) v)) {
            BigDecimal d = ((JsonNumber) v).toBigDecimal();
            if (d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return d.intValueExact();
            }
            problems.add(path, v + " is not in " + (min == Integer.MIN_VALUE ? "the int range" : min + ".." + max));
            return null;
        }
        problems.add(path, Json.describe(v) + " is not " + what);
        return null;
    }

    /** The enum constant named (case-insensitively, spaces around ignored), or null. */
    <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name.trim())) {
                return e;
            }
        }
        return null;
    }

    /** A JSON number written as an integer (no fraction, no exponent). */
    static boolean isInteger(JsonNumber n) {
        String t = n.text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c == '-' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    static String join(Iterable<?> items) {
        StringBuilder sb = new StringBuilder();
        for (Object o : items) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(o);
        }
        return sb.toString();
    }
}
