package io.graylane.e2e.dubbo.apps;

/** How each app reports itself in a trail: its instance name and the lane it saw, e.g. {@code B-base[gray]}. */
public final class Trail {
    private Trail() {
    }

    /** The lane graylane put in context on this thread, via the bootstrap class (null-safe without the agent). */
    public static String lane() {
        try {
            Object lane = Class.forName("io.graylane.bootstrap.LaneContext").getMethod("currentLane").invoke(null);
            return lane == null ? "-" : lane.toString();
        } catch (Throwable t) {
            return "?";
        }
    }

    public static String self(String name) {
        return name + "[" + lane() + "]";
    }
}
