package io.graylane.core;

import io.graylane.core.config.AgentConfig;
import io.graylane.core.plugin.PluginState;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the running agent is: shown by {@code /status} and the start-up line. One per JVM. */
public final class AgentState {
    private static volatile AgentState current;

    private final String version;
    private final String app;
    private final String lane;
    private final AgentConfig config;
    private final List<PluginState> plugins;
    private final Map<String, String> extra = new ConcurrentHashMap<String, String>();
    private final Map<String, java.util.concurrent.Callable<String>> live =
            new ConcurrentHashMap<String, java.util.concurrent.Callable<String>>();
    private volatile long startupMillis;

    AgentState(String version, String app, String lane, AgentConfig config, List<PluginState> plugins) {
        this.version = version;
        this.app = app;
        this.lane = lane;
        this.config = config;
        this.plugins = Collections.unmodifiableList(plugins);
    }

    /** Null before the agent started (or when it is disabled). */
    public static AgentState current() {
        return current;
    }

    static void set(AgentState state) {
        current = state;
    }

    public String version() {
        return version;
    }

    public String app() {
        return app;
    }

    /** Empty for baseline. */
    public String lane() {
        return lane;
    }

    public AgentConfig config() {
        return config;
    }

    public List<PluginState> plugins() {
        return plugins;
    }

    public long startupMillis() {
        return startupMillis;
    }

    void startupMillis(long ms) {
        startupMillis = ms;
    }

    /** Extra status fields other parts publish (e.g. {@code rulesVersion}). */
    public void put(String key, String value) {
        extra.put(key, value);
    }

    /** A status field whose value is read each time the status is shown (e.g. the LTS drain state). */
    public void putLive(String key, java.util.concurrent.Callable<String> value) {
        live.put(key, value);
    }

    /** The extra fields, live ones read now (a live field that fails shows its exception's class name). */
    public Map<String, String> extra() {
        if (live.isEmpty()) {
            return Collections.unmodifiableMap(extra);
        }
        Map<String, String> all = new java.util.TreeMap<String, String>(extra);
        for (Map.Entry<String, java.util.concurrent.Callable<String>> e : live.entrySet()) {
            String v;
            try {
                v = e.getValue().call();
            } catch (Throwable t) {
                v = "unavailable: " + t.getClass().getName();
            }
            all.put(e.getKey(), v);
        }
        return Collections.unmodifiableMap(all);
    }
}
