package io.graylane.bootstrap.node;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Units of one framework's work running in this JVM (Dubbo provider calls, servlet requests), counted by advice woven
 * into the framework: {@link #enter()} when a unit starts, {@link #exit()} when it ends, on every path. The node
 * lifecycle reads {@link #inFlight()} and {@link #started()} to prove a node drained: nothing running and nothing new
 * for a quiet period. Never throws; a few nanoseconds per call.
 */
public final class WorkGauge {
    public static final WorkGauge DUBBO_PROVIDER = new WorkGauge();
    public static final WorkGauge SERVLET = new WorkGauge();

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    /** Entries of this gauge open on the current thread: nested entries (filter chain, then servlet) count once. */
    private final ThreadLocal<int[]> depth = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    WorkGauge() {
    }

    public void enter() {
        started.incrementAndGet();
        inFlight.incrementAndGet();
    }

    public void exit() {
        inFlight.decrementAndGet();
    }

    /** Counts a unit only at the outermost entry on this thread; pair every call with {@link #exitOnce()}. */
    public void enterOnce() {
        int[] d = depth.get();
        if (d[0]++ == 0) {
            enter();
        }
    }

    public void exitOnce() {
        int[] d = depth.get();
        if (d[0] > 0 && --d[0] == 0) {
            exit();
        }
    }

    /**
     * The unit open on this thread (if one is counted) is not work, e.g. a load balancer's health probe answered by the
     * agent: it no longer counts as new work started.
     */
    public void discountCurrent() {
        if (depth.get()[0] > 0) {
            started.decrementAndGet();
        }
    }

    /** Units running now (never negative). */
    public long inFlight() {
        long n = inFlight.get();
        return n < 0 ? 0 : n;
    }

    /** Units started since the JVM started. */
    public long started() {
        return started.get();
    }
}
