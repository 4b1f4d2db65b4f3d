package io.graylane.demo;

/**
 * How an instance reports itself: its name and the lane it saw, e.g. {@code B-base[gray]}. The lane is read from the
 * agent's bootstrap class by reflection only so that the demo can show it; the applications do nothing with it.
 */
final class Trail {
    private Trail() {
    }

    static String lane() {
        try {
            Object lane = Class.forName("io.graylane.bootstrap.LaneContext").getMethod("currentLane").invoke(null);
            return lane == null ? "-" : lane.toString();
        } catch (Throwable t) {
            return "?";
        }
    }

    static String self(String instance) {
        return instance + "[" + lane() + "]";
    }
}
