package io.graylane.bootstrap;

/**
 * The lane of the work the current thread is doing. Baseline is {@code null}.
 *
 * <p>Set and restore always come in pairs: {@code LaneSnapshot prev = LaneContext.swap(next); try { ... } finally {
 * LaneContext.restore(prev); }} (advice keeps {@code prev} in its enter value), or {@link #enter(LaneSnapshot)} in a
 * try-with-resources block. The per-thread holder is reused, so swapping allocates nothing after a thread's first use.
 */
public final class LaneContext {
    private static final ThreadLocal<Holder> HOLDER = new ThreadLocal<Holder>() {
        @Override
        protected Holder initialValue() {
            return new Holder();
        }
    };

    private LaneContext() {
    }

    /** The current snapshot, or null on baseline. */
    public static LaneSnapshot current() {
        return HOLDER.get().current;
    }

    /** The current lane name, or null on baseline. */
    public static String currentLane() {
        LaneSnapshot s = HOLDER.get().current;
        return s == null ? null : s.lane();
    }

    /** Makes {@code next} (null = baseline) current and returns what was current, for {@link #restore}. */
    public static LaneSnapshot swap(LaneSnapshot next) {
        Holder h = HOLDER.get();
        LaneSnapshot prev = h.current;
        h.current = next;
        return prev;
    }

    /** Puts back what {@link #swap} returned. */
    public static void restore(LaneSnapshot previous) {
        HOLDER.get().current = previous;
    }

    /** Enters {@code next} for a try-with-resources block; closing the scope restores the previous context. */
    public static Scope enter(LaneSnapshot next) {
        return new Scope(swap(next));
    }

    /** Restores the context that was current when it was opened. Close it on the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        private final LaneSnapshot previous;
        private boolean closed;

        Scope(LaneSnapshot previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                restore(previous);
            }
        }
    }

    private static final class Holder {
        LaneSnapshot current;
    }
}
