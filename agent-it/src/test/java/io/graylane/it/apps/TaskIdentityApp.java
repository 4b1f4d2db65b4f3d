package io.graylane.it.apps;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a thread pool's own API and hooks see of a task submitted in a lane, and which lane the later runs of a
 * periodic task scheduled in a lane get. Prints {@code CHECK <name> observed=<value> OK|FAIL}; exits 0 only when every
 * check saw what it should. Without propagation (no agent) the identity checks pass and the lane checks fail.
 */
public final class TaskIdentityApp {
    private static final List<String> failures = new ArrayList<>();
    private static final LaneSnapshot GRAY = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API);

    public static void main(String[] args) throws Exception {
        removeFindsAQueuedGrayTask();
        shutdownNowReturnsTheQueuedGrayTasks();
        hooksSeeTheGrayTask();
        rejectionHandlerSeesTheGrayTask();
        decorateTaskSeesTheGrayRunnable();
        periodicTasks();
        timerTask();
        aTaskRemovedInGrayRunsOnBaselineWhenSubmittedAgainOnBaseline();
        System.out.println(failures.isEmpty() ? "ALL OK" : "FAILED " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void removeFindsAQueuedGrayTask() throws Exception {
        ThreadPoolExecutor pool = single();
        CountDownLatch release = block(pool);
        Runnable task = () -> { };
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            pool.execute(task);
        }
        check("ThreadPoolExecutor.remove(task submitted in a lane)", "true", String.valueOf(pool.remove(task)));
        check("queue after remove", "0", String.valueOf(pool.getQueue().size()));
        release.countDown();
        pool.shutdown();
    }

    private static void shutdownNowReturnsTheQueuedGrayTasks() throws Exception {
        ThreadPoolExecutor pool = single();
        CountDownLatch release = block(pool);
        Runnable task = () -> { };
        Future<String> future;
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            pool.execute(task);
            future = pool.submit(() -> "x");
        }
        List<Runnable> left = pool.shutdownNow();
        check("shutdownNow() holds the executed task itself", "true", String.valueOf(containsSame(left, task)));
        check("shutdownNow() holds the submitted Future itself", "true", String.valueOf(containsSame(left, future)));
        boolean allFutures = true;
        for (Runnable r : left) {
            if (r != task && !(r instanceof Future)) {
                allFutures = false;
            }
        }
        check("shutdownNow() tasks of submit() can be cancelled as Futures", "true", String.valueOf(allFutures));
        release.countDown();
    }

    private static void hooksSeeTheGrayTask() throws Exception {
        AtomicReference<Runnable> before = new AtomicReference<>();
        AtomicReference<Runnable> after = new AtomicReference<>();
        AtomicReference<String> ranIn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                before.set(r);
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                after.set(r);
                done.countDown();
            }
        };
        Runnable task = () -> ranIn.set(lane());
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            pool.execute(task);
        }
        done.await(10, TimeUnit.SECONDS);
        check("beforeExecute sees the task submitted in a lane", "true", String.valueOf(before.get() == task));
        check("afterExecute sees the task submitted in a lane", "true", String.valueOf(after.get() == task));
        check("the task ran in its lane", "gray", ranIn.get());
        pool.shutdown();
    }

    private static void rejectionHandlerSeesTheGrayTask() throws Exception {
        AtomicReference<Runnable> rejected = new AtomicReference<>();
        RejectedExecutionHandler handler = (r, executor) -> rejected.set(r);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), handler);
        CountDownLatch release = block(pool);
        Runnable task = () -> { };
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            pool.execute(task);
        }
        check("RejectedExecutionHandler sees the task submitted in a lane", "true",
                String.valueOf(rejected.get() == task));
        release.countDown();
        pool.shutdown();
    }

    private static void decorateTaskSeesTheGrayRunnable() throws Exception {
        AtomicReference<Runnable> decorated = new AtomicReference<>();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1) {
            @Override
            protected <V> RunnableScheduledFuture<V> decorateTask(Runnable r, RunnableScheduledFuture<V> task) {
                decorated.set(r);
                return task;
            }
        };
        AtomicReference<String> ranIn = new AtomicReference<>();
        Runnable task = () -> ranIn.set(lane());
        ScheduledFuture<?> f;
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            f = scheduler.schedule(task, 1, TimeUnit.MILLISECONDS);
        }
        f.get(10, TimeUnit.SECONDS);
        check("ScheduledThreadPoolExecutor.decorateTask sees the Runnable scheduled in a lane", "true",
                String.valueOf(decorated.get() == task));
        check("the scheduled task ran in its lane", "gray", ranIn.get());
        scheduler.shutdown();
    }

    /** The lanes of the first three runs: the first belongs to the request, the later ones to the schedule. */
    private static void periodicTasks() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        RunLanes rate = new RunLanes(3);
        RunLanes delay = new RunLanes(3);
        ScheduledFuture<?> a;
        ScheduledFuture<?> b;
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            a = scheduler.scheduleAtFixedRate(rate, 0, 2, TimeUnit.MILLISECONDS);
            b = scheduler.scheduleWithFixedDelay(delay, 0, 2, TimeUnit.MILLISECONDS);
        }
        check("scheduleAtFixedRate in a lane: runs 1-3", "[gray, null, null]", rate.await());
        check("scheduleWithFixedDelay in a lane: runs 1-3", "[gray, null, null]", delay.await());
        a.cancel(false);
        b.cancel(false);
        scheduler.shutdown();
    }

    /** java.util.Timer is not a propagation point: a TimerTask never runs in the lane it was scheduled in. */
    private static void timerTask() throws Exception {
        Timer timer = new Timer("timer", true);
        RunLanes lanes = new RunLanes(3);
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    lanes.run();
                }
            }, 0, 2);
        }
        check("Timer.schedule(period) in a lane: runs 1-3", "[null, null, null]", lanes.await());
        timer.cancel();
    }

    private static void aTaskRemovedInGrayRunsOnBaselineWhenSubmittedAgainOnBaseline() throws Exception {
        ThreadPoolExecutor pool = single();
        CountDownLatch release = block(pool);
        AtomicReference<String> ranIn = new AtomicReference<>("not run");
        CountDownLatch ran = new CountDownLatch(1);
        Runnable task = () -> { ranIn.set(lane()); ran.countDown(); };
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            pool.execute(task);
        }
        pool.remove(task);
        pool.execute(task);
        release.countDown();
        ran.await(10, TimeUnit.SECONDS);
        check("a task removed in a lane, then submitted on baseline, runs on baseline", null, ranIn.get());
        pool.shutdown();
    }

    private static ThreadPoolExecutor single() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    /** Occupies the pool's only thread until the returned latch is released. */
    private static CountDownLatch block(ThreadPoolExecutor pool) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await(10, TimeUnit.SECONDS);
        return release;
    }

    private static boolean containsSame(List<Runnable> list, Object item) {
        for (Runnable r : list) {
            if (r == item) {
                return true;
            }
        }
        return false;
    }

    /** Records the lane of each of its first {@code n} runs. */
    private static final class RunLanes implements Runnable {
        private final List<String> lanes = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch runs;

        RunLanes(int n) {
            runs = new CountDownLatch(n);
        }

        @Override
        public void run() {
            if (runs.getCount() > 0) {
                lanes.add(lane());
                runs.countDown();
            }
        }

        String await() throws InterruptedException {
            runs.await(10, TimeUnit.SECONDS);
            synchronized (lanes) {
                return lanes.subList(0, Math.min(3, lanes.size())).toString();
            }
        }
    }

    static String lane() {
        return LaneContext.currentLane();
    }

    static void check(String name, String expected, String observed) {
        boolean ok = expected == null ? observed == null : expected.equals(observed);
        System.out.println("CHECK " + name + " observed=" + observed + (ok ? " OK" : " FAIL expected=" + expected));
        if (!ok) {
            failures.add(name);
        }
    }
}
