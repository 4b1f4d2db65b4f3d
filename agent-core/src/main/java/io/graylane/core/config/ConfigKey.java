package io.graylane.core.config;

import java.util.Locale;

/** A documented configuration key: its name, value type, default and one line of documentation. */
public final class ConfigKey {
    /** How a value is checked when the configuration loads. */
    public enum Type { STRING, BOOLEAN, PORT, POSITIVE_INT, LANE, LOG_LEVEL, LIST }

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final String doc;

    ConfigKey(String name, Type type, String defaultValue, String doc) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** May be null: no default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** {@code graylane.admin.port} → {@code GRAYLANE_ADMIN_PORT}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Returns null when {@code value} is valid for this key, else what is wrong. */
    String check(String value) {
        switch (type) {
            case BOOLEAN:
                return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value) ? null
                        : "expected true or false";
            case PORT:
                return intIn(value, 0, 65535) ? null : "expected a port number 0..65535";
            case POSITIVE_INT:
                return intIn(value, 1, Integer.MAX_VALUE) ? null : "expected a positive whole number";
            case LANE:
                return value.isEmpty() || io.graylane.bootstrap.LaneNames.isValid(value) ? null
                        : "expected a lane name (letters, digits, '_', '-', '.', at most 64 characters) or empty for baseline";
            case LOG_LEVEL:
                try {
                    io.graylane.core.logging.AgentLogger.Level.valueOf(value.toUpperCase(Locale.ROOT));
                    return null;
                } catch (IllegalArgumentException e) {
                    return "expected one of ERROR, WARN, INFO, DEBUG, OFF";
                }
            default:
                return null;
        }
    }

    private static boolean intIn(String v, int min, int max) {
        try {
            int i = Integer.parseInt(v.trim());
            return i >= min && i <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
