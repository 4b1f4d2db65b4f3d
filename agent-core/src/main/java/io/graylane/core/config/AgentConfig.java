package io.graylane.core.config;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's configuration, from (highest precedence first) agent arguments
 * ({@code -javaagent:graylane-agent.jar=lane=gray,app=trade}; the {@code graylane.} prefix may be left out),
 * {@code -Dgraylane.*} system properties, {@code GRAYLANE_*} environment variables, then defaults. Unknown keys are
 * reported as warnings; invalid values fail the whole load with every problem named.
 */
public final class AgentConfig {
    public static final String SOURCE_ARGS = "agent argument";
    public static final String SOURCE_SYSPROP = "system property";
    public static final String SOURCE_ENV = "environment";
    public static final String SOURCE_DEFAULT = "default";

    private final Map<String, String> values;
    private final Map<String, String> sources;
    private final List<String> warnings;
    private final Map<String, ConfigKey> known;

    private AgentConfig(Map<String, String> values, Map<String, String> sources, List<String> warnings,
                        Map<String, ConfigKey> known) {
        this.values = values;
        this.sources = sources;
        this.warnings = warnings;
        this.known = known;
    }

    /**
     * The configuration from agent arguments, system properties and environment, every value checked against the
     * core's keys and {@code pluginKeys}.
     *
     * @param lenient true: keys nobody declared are skipped silently and bad values are not reported (the first
     *                pass, before the plugins, whose keys are not known yet, are loaded; the second pass reports every
     *                problem at once)
     */
    public static AgentConfig fromEnvironment(String agentArgs, Collection<ConfigKey> pluginKeys, boolean lenient)
            throws ConfigException {
        Map<String, String> props = new LinkedHashMap<String, String>();
        for (String name : System.getProperties().stringPropertyNames()) {
            props.put(name, System.getProperty(name));
        }
        return load(agentArgs, props, System.getenv(), pluginKeys, lenient);
    }

    public static AgentConfig fromEnvironment(String agentArgs) throws ConfigException {
        return fromEnvironment(agentArgs, Collections.<ConfigKey>emptyList(), false);
    }

    public static AgentConfig load(String agentArgs, Map<String, String> sysProps, Map<String, String> env)
            throws ConfigException {
        return load(agentArgs, sysProps, env, Collections.<ConfigKey>emptyList(), false);
    }

    public static AgentConfig load(String agentArgs, Map<String, String> sysProps, Map<String, String> env,
                                   Collection<ConfigKey> pluginKeys, boolean lenient) throws ConfigException {
        Map<String, ConfigKey> known = new LinkedHashMap<String, ConfigKey>();
        for (ConfigKey k : ConfigKeys.all()) {
            known.put(k.name(), k);
        }
        for (ConfigKey k : pluginKeys) {
            ConfigKey before = known.put(k.name(), k);
            if (before != null && before != k) {
                throw new ConfigException("configuration key " + k.name() + " is declared twice (by the core or two"
                        + " plugins)");
            }
        }
        Map<String, String> values = new LinkedHashMap<String, String>();
        Map<String, String> sources = new LinkedHashMap<String, String>();
        List<String> warnings = new ArrayList<String>();
        List<String> errors = new ArrayList<String>();

        Map<String, String> envKeys = new LinkedHashMap<String, String>();
        for (ConfigKey k : known.values()) {
            envKeys.put(ConfigKey.envName(k.name()), k.name());
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("GRAYLANE_")) {
                continue;
            }
            String key = envKeys.get(name);
            if (key == null) {
                key = pluginKeyFromEnv(name);
            }
            if (key == null) {
                warnings.add("unknown environment variable " + name + " ignored");
                continue;
            }
            put(values, sources, key, e.getValue(), SOURCE_ENV + " " + name);
        }
        for (Map.Entry<String, String> e : sysProps.entrySet()) {
            if (!e.getKey().startsWith("graylane.")) {
                continue;
            }
            if (find(known, e.getKey()) == null) {
                warnings.add("unknown system property -D" + e.getKey() + " ignored");
                continue;
            }
            put(values, sources, e.getKey(), e.getValue(), SOURCE_SYSPROP + " -D" + e.getKey());
        }
        if (agentArgs != null && !agentArgs.trim().isEmpty()) {
            // key=value pairs separated by commas; a part without '=' continues the previous value, so list values
            // work here too: ingress.trusted-cidrs=10.0.0.0/8,127.0.0.1/32
            List<String[]> pairs = new ArrayList<String[]>();
            for (String part : agentArgs.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq < 0 && !pairs.isEmpty()) {
                    String[] last = pairs.get(pairs.size() - 1);
                    last[1] = last[1] + "," + p;
                    continue;
                }
                if (eq <= 0) {
                    errors.add("agent argument '" + p + "': expected key=value");
                    continue;
                }
                pairs.add(new String[] {p.substring(0, eq).trim(), p.substring(eq + 1).trim()});
            }
            for (String[] pair : pairs) {
                String key = pair[0].startsWith("graylane.") ? pair[0] : "graylane." + pair[0];
                if (find(known, key) == null) {
                    warnings.add("unknown agent argument '" + pair[0] + "' ignored");
                    continue;
                }
                put(values, sources, key, pair[1], SOURCE_ARGS);
            }
        }
        for (java.util.Iterator<Map.Entry<String, String>> it = values.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            String problem = find(known, e.getKey()).check(e.getValue());
            if (problem != null) {
                errors.add(e.getKey() + "='" + e.getValue() + "' (from " + sources.get(e.getKey()) + "): " + problem);
                if (lenient) {
                    it.remove(); // the first pass goes on with the default; the second reports it
                    sources.remove(e.getKey());
                }
            }
        }
        String token = values.get(ConfigKeys.ADMIN_TOKEN.name());
        String bind = values.containsKey(ConfigKeys.ADMIN_BIND.name()) ? values.get(ConfigKeys.ADMIN_BIND.name())
                : ConfigKeys.ADMIN_BIND.defaultValue();
        if (values.containsKey(ConfigKeys.ADMIN_PORT.name()) && !isLoopback(bind) && (token == null || token.isEmpty())) {
            errors.add(ConfigKeys.ADMIN_BIND.name() + "='" + bind
                    + "': binding the admin endpoint to a non-loopback address requires " + ConfigKeys.ADMIN_TOKEN.name());
        }
        if (!errors.isEmpty() && !lenient) {
            StringBuilder sb = new StringBuilder("invalid graylane configuration:");
            for (String err : errors) {
                sb.append("\n  - ").append(err);
            }
            throw new ConfigException(sb.toString());
        }
        for (ConfigKey k : known.values()) {
            if (!values.containsKey(k.name()) && k.defaultValue() != null) {
                values.put(k.name(), k.defaultValue());
                sources.put(k.name(), SOURCE_DEFAULT);
            }
        }
        return new AgentConfig(values, sources,
                lenient ? Collections.<String>emptyList() : Collections.unmodifiableList(warnings), known);
    }

    private static ConfigKey find(Map<String, ConfigKey> known, String name) {
        ConfigKey k = known.get(name);
        return k != null ? k : ConfigKeys.find(name);
    }

    static boolean isLoopback(String address) {
        return "127.0.0.1".equals(address) || "localhost".equalsIgnoreCase(address) || "::1".equals(address)
                || address.startsWith("127.");
    }

    private static String pluginKeyFromEnv(String envName) {
        String lower = envName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("graylane_plugin_") && lower.endsWith("_enabled")) {
            String plugin = lower.substring("graylane_plugin_".length(), lower.length() - "_enabled".length());
            if (!plugin.isEmpty()) {
                return ConfigKeys.pluginEnabledKey(plugin.replace('_', '-'));
            }
        }
        return null;
    }

    private static void put(Map<String, String> values, Map<String, String> sources, String key, String value,
                            String source) {
        values.put(key, value == null ? "" : value);
        sources.put(key, source);
    }

    /** The value, or the key's default, or null. */
    public String get(String key) {
        String v = values.get(key);
        if (v != null) {
            return v;
        }
        ConfigKey k = find(known, key);
        return k == null ? null : k.defaultValue();
    }

    public String get(ConfigKey key) {
        return get(key.name());
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public boolean getBoolean(ConfigKey key) {
        return getBoolean(key.name());
    }

    /** Null when unset. */
    public Integer getInt(ConfigKey key) {
        String v = get(key);
        return v == null || v.isEmpty() ? null : Integer.valueOf(v.trim());
    }

    public List<String> getList(ConfigKey key) {
        String v = get(key);
        List<String> out = new ArrayList<String>();
        if (v != null) {
            for (String part : v.split("[," + File.pathSeparator + "]")) {
                if (!part.trim().isEmpty()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    public boolean isPluginEnabled(String pluginName) {
        return !"false".equalsIgnoreCase(get(ConfigKeys.pluginEnabledKey(pluginName)));
    }

    /** Where a key's value came from (for the status endpoint and errors). */
    public String sourceOf(String key) {
        String s = sources.get(key);
        return s == null ? SOURCE_DEFAULT : s;
    }

    public List<String> warnings() {
        return warnings;
    }
}
