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
 * <p>The records are a {@link PendingLanes}; what is added here is the per-thread stack of what to restore, because
 * the rewritten {@code doExec} has no local variable to keep it in. Cost on baseline: {@code capture} is one
 * thread-local read; {@code enter} and {@code exit} are one volatile read each while no task of a lane is pending or
 * running anywhere. Never throws.
 */
public final class ForkJoinLanes {
    private static final PendingLanes PENDING = new PendingLanes();
    /** Threads currently inside {@code doExec} of a recorded task (a fast "nothing to restore" check for exit). */
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final ThreadLocal<Frames> FRAMES = new ThreadLocal<Frames>();

    private ForkJoinLanes() {
    }

    /** At fork/submit: records the current lane for {@code task}; nothing on baseline. */
    public static void capture(Object task) {
        PENDING.record(task);
    }

    /** At the start of {@code doExec}: a recorded task's lane becomes current (the record is consumed). */
    public static void enter(Object task) {
        Object token = PENDING.enter(task);
        if (PendingLanes.unchanged(token)) {
            return;
        }
        try {
            Frames f = FRAMES.get();
            if (f == null) {
                f = new Frames();
                FRAMES.set(f);
            }
            f.push(task, token);
            RUNNING.incrementAndGet();
        } catch (Throwable t) {
            PendingLanes.exit(token); // could not remember what to restore: do not leave the lane on this thread
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
                PendingLanes.exit(f.pop());
                RUNNING.decrementAndGet();
            }
        } catch (Throwable ignored) {
            // never disturb the pool
        }
    }

    /** Tasks recorded and not yet run (tasks that were collected without running are not counted). */
    public static int pending() {
        return PENDING.pending();
    }

    /**
     * The {@link PendingLanes} tokens of a thread's nested {@code doExec} calls (a worker helping a join runs tasks
     * inside tasks).
     */
    private static final class Frames {
        private Object[] tasks = new Object[4];
        private Object[] tokens = new Object[4];
        private int depth;

        void push(Object task, Object token) {
            if (depth == tasks.length) {
                tasks = java.util.Arrays.copyOf(tasks, depth * 2);
                tokens = java.util.Arrays.copyOf(tokens, depth * 2);
            }
            tasks[depth] = task;
            tokens[depth] = token;
            depth++;
        }

        boolean topIs(Object task) {
            return depth > 0 && tasks[depth - 1] == task;
        }

        Object pop() {
            depth--;
            Object t = tokens[depth];
            tasks[depth] = null;
            tokens[depth] = null;
            return t;
        }
    }
}
