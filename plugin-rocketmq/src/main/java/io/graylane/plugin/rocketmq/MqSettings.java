package io.graylane.plugin.rocketmq;

/**
 * The plugin's configuration, set once at start-up, read by the typed helpers of every application class loader.
 */
public final class MqSettings {
    private static volatile MqSettings current;

    private final LaneExpressions expressions;
    private final String nodeLane;
    private final long refreshMillis;

    MqSettings(LaneExpressions expressions, String nodeLane, long refreshMillis) {
        this.expressions = expressions;
        this.nodeLane = nodeLane == null || nodeLane.isEmpty() ? null : nodeLane;
        this.refreshMillis = refreshMillis;
    }

    static void install(MqSettings s) {
        current = s;
    }

    /** The settings; never null once the plugin started (helpers exist only after that). */
    public static MqSettings current() {
        MqSettings s = current;
        if (s == null) {
            throw new IllegalStateException("rocketmq plugin not started");
        }
        return s;
    }

    public LaneExpressions expressions() {
        return expressions;
    }

    /** This node's lane, null on baseline. */
    public String nodeLane() {
        return nodeLane;
    }

    public long refreshMillis() {
        return refreshMillis;
    }
}
