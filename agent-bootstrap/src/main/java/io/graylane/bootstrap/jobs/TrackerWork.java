package io.graylane.bootstrap.jobs;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The drain state of this JVM's LTS TaskTracker, shared by the advice (which sees only bootstrap classes) and the LTS
 * plugin's {@code NodeWork}: offline = take no new job (no pull, no new job after a completion, a pushed job refused so
 * that the JobTracker re-queues it), while running jobs finish and the connection to the JobTracker stays. JDK-only.
 */
public final class TrackerWork {
    private static volatile boolean offline;
    private static volatile Runnable onStart;
    private static final AtomicLong RUNNING = new AtomicLong();
    private static final AtomicLong STARTED = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    /** Whether this worker thread has a job counted as running whose result LTS has not reported yet. */
    private static final ThreadLocal<Boolean> OPEN = new ThreadLocal<Boolean>();

    private TrackerWork() {
    }

    /** Installed by the LTS plugin: registers the TaskTracker's {@code NodeWork} when a TaskTracker starts. */
    public static void onTrackerStart(Runnable r) {
        onStart = r;
    }

    /** A TaskTracker of this JVM is starting (its job pull machine was made). */
    public static void trackerStarted() {
        Runnable r = onStart;
        if (r != null) {
            r.run();
        }
    }

    public static boolean offline() {
        return offline;
    }

    public static void offline(boolean value) {
        offline = value;
    }

    /**
     * A job's {@code JobRunner} is about to run on this worker thread. A job counts as running from here until LTS has
     * reported its result to the JobTracker: a node killed right after "drained" must not lose a completion (the
     * JobTracker would re-queue the job as dead and run it twice). When LTS hands the worker its next job in the answer
     * to that report, the previous job's report is done: it stops counting here.
     */
    public static void jobStarted() {
        if (Boolean.TRUE.equals(OPEN.get())) {
            decrement();
        }
        OPEN.set(Boolean.TRUE);
        STARTED.incrementAndGet();
        RUNNING.incrementAndGet();
    }

    /** The worker's {@code JobRunnerDelegate.run()} returned (or threw): the last job's result was reported. */
    public static void jobReported() {
        if (Boolean.TRUE.equals(OPEN.get())) {
            OPEN.remove();
            decrement();
        }
    }

    private static void decrement() {
        if (RUNNING.decrementAndGet() < 0) {
            RUNNING.set(0);
        }
    }

    /** Jobs pushed while offline and handed back to the JobTracker. */
    public static void refused(int n) {
        REFUSED.addAndGet(n);
    }

    public static long running() {
        return RUNNING.get();
    }

    public static long started() {
        return STARTED.get();
    }

    public static long refused() {
        return REFUSED.get();
    }
}
