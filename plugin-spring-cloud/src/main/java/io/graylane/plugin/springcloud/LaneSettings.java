package io.graylane.plugin.springcloud;

/** The plugin's settings, set once at start-up, read by the typed helpers of every application class loader. */
public final class LaneSettings {
    private static volatile boolean strict;

    private LaneSettings() {
    }

    static void install(boolean strictRouting) {
        strict = strictRouting;
    }

    /** A request in a lane with no instance of it fails instead of going to baseline. */
    public static boolean strict() {
        return strict;
    }
}
