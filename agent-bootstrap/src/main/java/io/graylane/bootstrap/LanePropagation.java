package io.graylane.bootstrap;

import java.util.concurrent.Callable;

/**
 * Carries the submitting thread's lane to the thread that runs a task. Executor advice calls {@link #wrap(Runnable)}
 * at submit time. Tasks submitted on baseline are not wrapped (nothing to carry, nothing allocated); a wrapped task
 * restores the worker's previous context when it ends, so a pool thread never keeps a lane into its next task.
 */
public final class LanePropagation {
    private LanePropagation() {
    }

    public static Runnable wrap(Runnable task) {
        LaneSnapshot current = LaneContext.current();
        if (current == null || task == null || task instanceof LaneRunnable) {
            return task;
        }
        return new LaneRunnable(task, current);
    }

    public static <V> Callable<V> wrap(Callable<V> task) {
        LaneSnapshot current = LaneContext.current();
        if (current == null || task == null || task instanceof LaneCallable) {
            return task;
        }
        return new LaneCallable<V>(task, current);
    }

    /** A task wrapper that runs its delegate in the lane captured when it was made. */
    public static final class LaneRunnable implements Runnable {
        private final Runnable delegate;
        private final LaneSnapshot captured;

        LaneRunnable(Runnable delegate, LaneSnapshot captured) {
            this.delegate = delegate;
            this.captured = captured;
        }

        @Override
        public void run() {
            LaneSnapshot previous = LaneContext.swap(captured);
            try {
                delegate.run();
            } finally {
                LaneContext.restore(previous);
            }
        }

        /** The wrapped task (for code that needs the original, e.g. after {@code shutdownNow()}). */
        public Runnable delegate() {
            return delegate;
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    /** A callable wrapper that runs its delegate in the lane captured when it was made. */
    public static final class LaneCallable<V> implements Callable<V> {
        private final Callable<V> delegate;
        private final LaneSnapshot captured;

        LaneCallable(Callable<V> delegate, LaneSnapshot captured) {
            this.delegate = delegate;
            this.captured = captured;
        }

        @Override
        public V call() throws Exception {
            LaneSnapshot previous = LaneContext.swap(captured);
            try {
                return delegate.call();
            } finally {
                LaneContext.restore(previous);
            }
        }

        public Callable<V> delegate() {
            return delegate;
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
