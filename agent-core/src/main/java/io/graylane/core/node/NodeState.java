package io.graylane.core.node;

import java.util.Locale;

/** Where a node is in its release lifecycle: {@code online → offline → drained → online}. */
public enum NodeState {
    /** Taking work. */
    ONLINE,
    /** Asked to stop taking work; work may still be running or arriving (discovery has not caught up yet). */
    OFFLINE,
    /** Offline, every framework stopped, nothing in flight and nothing new for the quiet period: safe to stop. */
    DRAINED;

    /** As shown in {@code /node} and by the CLI. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
