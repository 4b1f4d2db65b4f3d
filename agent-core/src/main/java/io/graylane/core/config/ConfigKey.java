package io.graylane.core.config;

import java.util.Locale;

/**
 * A documented configuration key: its name, value type, default, one line of documentation and, optionally, a check
 * of what a value means (a secret's length, a CIDR list). The core's keys are in {@link ConfigKeys}; a plugin
 * declares its own ({@code GraylanePlugin.configKeys()}). Every key is checked before anything is installed.
 */
public final class ConfigKey {
    /** How a value is checked when the configuration loads. */
    public enum Type { STRING, BOOLEAN, PORT, POSITIVE_INT, LANE, LOG_LEVEL, LIST }

    /** A check of what a value means, beyond its type. */
    public interface Check {
        /** Null when {@code value} (never null; may be empty) is acceptable, else what is wrong with it. */
        String problem(String value);
    }

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final String doc;
    private final Check check;

    ConfigKey(String name, Type type, String defaultValue, String doc) {
        this(name, type, defaultValue, doc, null);
    }

    private ConfigKey(String name, Type type, String defaultValue, String doc, Check check) {
        if (!name.startsWith("graylane.")) {
            throw new IllegalArgumentException("configuration keys start with 'graylane.': " + name);
        }
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.check = check;
    }

    /** A plugin's key (not registered in {@link ConfigKeys}; the plugin lists it in its {@code configKeys()}). */
    public static ConfigKey of(String name, Type type, String defaultValue, String doc) {
        return new ConfigKey(name, type, defaultValue, doc, null);
    }

    /** This key with a check of what its values mean, run after the type check. */
    public ConfigKey checkedBy(Check c) {
        return new ConfigKey(name, type, defaultValue, doc, c);
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
        String typeProblem = checkType(value);
        if (typeProblem != null || check == null) {
            return typeProblem;
        }
        try {
            return check.problem(value);
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private String checkType(String value) {
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
