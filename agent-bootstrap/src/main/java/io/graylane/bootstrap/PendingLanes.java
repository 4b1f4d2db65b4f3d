package io.graylane.bootstrap;

/**
 * The lanes of pending work items that cannot carry one themselves (a response future, say), keyed by the item's
 * identity and held weakly. Advice records the current lane when the item is created ({@link #record}) and makes it
 * current where the item completes ({@link #enter}, then {@link #exit} with what {@code enter} returned). JDK-only;
 * never throws.
 */
public final class PendingLanes {
    private static final Object UNCHANGED = new Object();
    private static final Object WAS_BASELINE = new Object();

    private final WeakIdentityTable<LaneSnapshot> table = new WeakIdentityTable<LaneSnapshot>();

    /** Records the current lane for {@code item}; nothing on baseline. */
    public void record(Object item) {
        try {
            LaneSnapshot current = LaneContext.current();
            if (current != null && item != null) {
                table.put(item, current);
            }
        } catch (Throwable ignored) {
            // never disturb the caller
        }
    }

    /**
     * Makes the lane recorded for {@code item} current (consuming the record) and returns a token for {@link #exit};
     * when nothing was recorded the context is left alone.
     */
    public Object enter(Object item) {
        if (table.isEmpty()) {
            return UNCHANGED;
        }
        try {
            LaneSnapshot lane = table.remove(item);
            if (lane == null) {
                return UNCHANGED;
            }
            LaneSnapshot previous = LaneContext.swap(lane);
            return previous == null ? WAS_BASELINE : previous;
        } catch (Throwable ignored) {
            return UNCHANGED;
        }
    }

    /** True when {@code token} (from {@link #enter}) says the context was left alone. */
    public static boolean unchanged(Object token) {
        return token == UNCHANGED;
    }

    /** Puts back what {@link #enter} replaced. */
    public static void exit(Object token) {
        if (token == UNCHANGED || token == null) {
            return;
        }
        LaneContext.restore(token == WAS_BASELINE ? null : (LaneSnapshot) token);
    }

    /** Items recorded and not yet completed (collected ones not counted). */
    public int pending() {
        table.purgeAll();
        return table.size();
    }
}
