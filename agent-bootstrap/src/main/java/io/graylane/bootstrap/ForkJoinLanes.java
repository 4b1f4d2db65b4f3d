package io.graylane.bootstrap;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries the lane into {@code ForkJoinTask}s, which cannot be wrapped: a task's identity is its API (it is joined,
 * cancelled and completed as itself). The executors plugin rewrites the JDK so that:
 * <ul>
 *   <li>{@code ForkJoinTask.fork()} and {@code ForkJoinPool.execute/submit/invoke(ForkJoinTask)} call
 *       {@link #capture(Object)}: in a lane, the task is recorded with the lane (weakly: a task that never runs is
 *       not kept alive);</li>
 *   <li>{@code ForkJoinTask.doExec()} calls {@link #enter(Object)} first and {@link #exit(Object)} before it returns:
 *       a recorded task runs in its lane and the thread's own context comes back afterwards.</li>
 * </ul>
 * Parallel streams, {@code RecursiveTask}/{@code RecursiveAction} fork/join and {@code CountedCompleter}s all fork
 * through {@code fork()}. Tasks forked on baseline are not recorded.
 *
 * <p>Cost on baseline: {@code capture} is one thread-local read; {@code enter} and {@code exit} are one volatile read
 * each while no task of a lane is pending or running anywhere. Never throws.
 */
public final class ForkJoinLanes {
    private static final WeakIdentityTable<LaneSnapshot> PENDING = new WeakIdentityTable<LaneSnapshot>();
    /** Threads currently inside {@code doExec} of a recorded task (a fast "nothing to restore" check for exit). */
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final ThreadLocal<Frames> FRAMES = new ThreadLocal<Frames>();

    private ForkJoinLanes() {
    }

    /** At fork/submit: records the current lane for {@code task}; nothing on baseline. */
    public static void capture(Object task) {
        try {
            LaneSnapshot current = LaneContext.current();
            if (current != null && task != null) {
                PENDING.put(task, current);
            }
        } catch (Throwable ignored) {
            // never disturb the pool
        }
    }

    /** At the start of {@code doExec}: a recorded task's lane becomes current (the record is consumed). */
    public static void enter(Object task) {
        if (PENDING.isEmpty()) {
            return;
        }
        try {
            LaneSnapshot lane = PENDING.remove(task);
            if (lane == null) {
                return;
            }
            Frames f = FRAMES.get();
            if (f == null) {
                f = new Frames();
                FRAMES.set(f);
            }
            f.push(task, LaneContext.swap(lane));
            RUNNING.incrementAndGet();
        } catch (Throwable ignored) {
            // never disturb the pool
        }
    }

    /** Before {@code doExec} returns: puts back the context {@link #enter} replaced for this task, if it did. */
    public static void exit(Object task) {
        if (RUNNING.get() == 0) {
            return;
        }
        try {
            Frames f = FRAMES.get();
            if (f != null && f.topIs(task)) {
                LaneContext.restore(f.pop());
                RUNNING.decrementAndGet();
            }
        } catch (Throwable ignored) {
            // never disturb the pool
        }
    }

    /** Tasks recorded and not yet run (tasks that were collected without running are not counted). */
    public static int pending() {
        PENDING.purgeAll();
        return PENDING.size();
    }

    /** The lanes a thread's nested {@code doExec} calls replaced (a worker helping a join runs tasks inside tasks). */
    private static final class Frames {
        private Object[] tasks = new Object[4];
        private LaneSnapshot[] previous = new LaneSnapshot[4];
        private int depth;

        void push(Object task, LaneSnapshot prev) {
            if (depth == tasks.length) {
                tasks = java.util.Arrays.copyOf(tasks, depth * 2);
                previous = java.util.Arrays.copyOf(previous, depth * 2);
            }
            tasks[depth] = task;
            previous[depth] = prev;
            depth++;
        }

        boolean topIs(Object task) {
            return depth > 0 && tasks[depth - 1] == task;
        }

        LaneSnapshot pop() {
            depth--;
            LaneSnapshot p = previous[depth];
            tasks[depth] = null;
            previous[depth] = null;
            return p;
        }
    }
}
