package io.graylane.bootstrap;

/**
 * Carries the lane into {@code ThreadPoolExecutor} and {@code ScheduledThreadPoolExecutor} tasks without replacing the
 * task: the pool's queue, {@code remove()}, {@code shutdownNow()}, {@code beforeExecute}/{@code afterExecute},
 * {@code decorateTask} and rejection handlers all see the application's own object, in a lane as on baseline. The
 * executors plugin rewrites the JDK so that:
 * <ul>
 *   <li>{@code ThreadPoolExecutor.execute(Runnable)} and {@code ScheduledThreadPoolExecutor.delayedExecute(task)} (where
 *       every {@code schedule*}/{@code submit}/{@code execute} of the scheduled pool ends) call {@link #submitted}: in a
 *       lane, one run of the task is recorded with the lane (weakly: a task that never runs is not kept alive); on
 *       baseline, a record left for the same object (a task removed or rejected in a lane, then submitted again) is
 *       dropped;</li>
 *   <li>{@code ThreadPoolExecutor.runWorker} calls {@link #run(Runnable)} instead of {@code task.run()}: a recorded run
 *       happens in its lane and the worker's own context comes back afterwards.</li>
 * </ul>
 * A record is consumed by the run it was made for, so a periodic task ({@code scheduleAtFixedRate},
 * {@code scheduleWithFixedDelay}) scheduled in a lane runs in it once, the first time; its later runs belong to the
 * schedule, not to the request, and run on baseline. The same object submitted twice in one lane runs twice in it; an
 * object submitted in two lanes before it ran takes the later lane for its pending runs.
 *
 * <p>Cost on baseline: {@link #submitted} is one thread-local read while no task of a lane is pending anywhere (else
 * one table removal); {@link #run} is one volatile read. Never throws from its own code.
 */
public final class PoolTaskLanes {
    private static final int STRIPES = 16;
    private static final WeakIdentityTable<Pending> PENDING = new WeakIdentityTable<Pending>();
    private static final Object[] LOCKS = new Object[STRIPES];
    private static final Object UNCHANGED = new Object();
    private static final Object WAS_BASELINE = new Object();

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new Object();
        }
    }

    private PoolTaskLanes() {
    }

    /** At submission: records one run of {@code task} in the current lane, or forgets a stale record on baseline. */
    public static void submitted(Object task) {
        try {
            LaneSnapshot current = LaneContext.current();
            if (task == null || (current == null && PENDING.isEmpty())) {
                return;
            }
            synchronized (lock(task)) {
                Pending p = PENDING.remove(task);
                if (current == null) {
                    return;
                }
                if (p != null && (p.lane == current || p.lane.lane().equals(current.lane()))) {
                    p.runs++;
                } else {
                    p = new Pending(current);
                }
                PENDING.put(task, p);
            }
        } catch (Throwable ignored) {
            // never disturb the submitter
        }
    }

    /** Runs {@code task} in the lane recorded for this run, if any; what the task throws passes through unchanged. */
    public static void run(Runnable task) {
        Object token = enter(task);
        try {
            task.run();
        } finally {
            exit(token);
        }
    }

    /** Tasks with a recorded run not yet made (tasks collected without running are not counted). */
    public static int pending() {
        PENDING.purgeAll();
        return PENDING.size();
    }

    private static Object enter(Object task) {
        if (PENDING.isEmpty()) {
            return UNCHANGED;
        }
        try {
            LaneSnapshot lane;
            synchronized (lock(task)) {
                Pending p = PENDING.remove(task);
                if (p == null) {
                    return UNCHANGED;
                }
                if (--p.runs > 0) {
                    PENDING.put(task, p);
                }
                lane = p.lane;
            }
            LaneSnapshot previous = LaneContext.swap(lane);
            return previous == null ? WAS_BASELINE : previous;
        } catch (Throwable ignored) {
            return UNCHANGED;
        }
    }

    private static void exit(Object token) {
        if (token != UNCHANGED) {
            LaneContext.restore(token == WAS_BASELINE ? null : (LaneSnapshot) token);
        }
    }

    private static Object lock(Object task) {
        return LOCKS[System.identityHashCode(task) & (STRIPES - 1)];
    }

    /** The lane of a task's recorded runs and how many are left. Guarded by the task's stripe lock. */
    private static final class Pending {
        final LaneSnapshot lane;
        int runs = 1;

        Pending(LaneSnapshot lane) {
            this.lane = lane;
        }
    }
}
