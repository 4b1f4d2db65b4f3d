package io.graylane.rules.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scene's configuration values, looked up by dotted path ({@code limits.daily}). Values are
 * {@link String}, {@link BigDecimal}, {@link Boolean}, null, unmodifiable {@code Map<String,Object>} or
 * {@code List<Object>}. Every path of the tree is indexed when the document is loaded, so a lookup is
 * one hash-map get. Typed getters return the default when the path is absent or has another type.
 * Immutable.
 */
public final class ConfigValues {
    public static final ConfigValues EMPTY = new ConfigValues(Collections.<String, Object>emptyMap(), "{}");

    private final Map<String, Object> root;
    private final Map<String, Object> byPath;
    private final String json;

    public ConfigValues(Map<String, Object> root, String json) {
        this.root = root;
        this.json = json;
        Map<String, Object> idx = new LinkedHashMap<>();
        index("", root, idx);
        this.byPath = Collections.unmodifiableMap(idx);
    }

    @SuppressWarnings("unchecked")
    private static void index(String prefix, Map<String, Object> m, Map<String, Object> idx) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            idx.put(p, e.getValue());
            if (e.getValue() instanceof Map) {
                index(p, (Map<String, Object>) e.getValue(), idx);
            }
        }
    }

    /** The raw value at a path, or null. */
    public Object get(String path) {
        return byPath.get(path);
    }

    public boolean has(String path) {
        return byPath.containsKey(path);
    }

    /** Strings as they are; numbers and booleans as their text; containers and null give the default. */
    public String getString(String path, String def) {
        Object v = byPath.get(path);
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof Boolean) {
            return v.toString();
        }
        return def;
    }

    /** JSON true/false, or the strings "true"/"false" (any case). */
    public boolean getBoolean(String path, boolean def) {
        Object v = byPath.get(path);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String) {
            if ("true".equalsIgnoreCase((String) v)) {
                return true;
            }
            if ("false".equalsIgnoreCase((String) v)) {
                return false;
            }
        }
        return def;
    }

    /** A number (or numeric string) that is an exact int; otherwise the default. */
    public Integer getInt(String path, Integer def) {
        BigDecimal d = number(path);
        if (d == null) {
            return def;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return def;
        }
    }

    public Long getLong(String path, Long def) {
        BigDecimal d = number(path);
        if (d == null) {
            return def;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return def;
        }
    }

    public Double getDouble(String path, Double def) {
        BigDecimal d = number(path);
        return d == null ? def : d.doubleValue();
    }

    public BigDecimal getBigDecimal(String path, BigDecimal def) {
        BigDecimal d = number(path);
        return d == null ? def : d;
    }

    /** The number rounded HALF_UP to {@code scale} decimals, or null. */
    public BigDecimal getBigDecimal(String path, int scale) {
        BigDecimal d = number(path);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getObject(String path, Map<String, Object> def) {
        Object v = path.isEmpty() ? root : byPath.get(path);
        return v instanceof Map ? (Map<String, Object>) v : def;
    }

    @SuppressWarnings("unchecked")
    public List<Object> getArray(String path, List<Object> def) {
        Object v = byPath.get(path);
        return v instanceof List ? (List<Object>) v : def;
    }

    /** The whole configuration object. */
    public Map<String, Object> asMap() {
        return root;
    }

    /** The whole configuration as compact JSON text. */
    public String json() {
        return json;
    }

    private BigDecimal number(String path) {
        Object v = byPath.get(path);
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
