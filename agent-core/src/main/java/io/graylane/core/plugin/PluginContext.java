package io.graylane.core.plugin;

import io.graylane.core.config.AgentConfig;

/** What a plugin gets at start-up. */
public final class PluginContext {
    private final AgentConfig config;
    private final String nodeLane;
    private final String appName;

    public PluginContext(AgentConfig config, String nodeLane, String appName) {
        this.config = config;
        this.nodeLane = nodeLane;
        this.appName = appName;
    }

    public AgentConfig config() {
        return config;
    }

    /** This node's lane, or empty for baseline. */
    public String nodeLane() {
        return nodeLane;
    }

    public String appName() {
        return appName;
    }
}
