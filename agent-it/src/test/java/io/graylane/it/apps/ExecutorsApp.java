package io.graylane.it.apps;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sets lane "gray" on the main thread, hands work to every executor kind, and prints one line per check:
 * {@code CHECK <name> observed=<lane> OK|FAIL}. Exits 0 only when every check saw what it should.
 */
public final class ExecutorsApp {
    private static final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        LaneSnapshot gray = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService single = Executors.newSingleThreadExecutor();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        ForkJoinPool fjp = new ForkJoinPool(2);
        try (LaneContext.Scope ignored = LaneContext.enter(gray)) {
            check("ThreadPoolExecutor.submit(Callable)", "gray", pool.submit(ExecutorsApp::lane).get());
            AtomicReference<String> seen = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> { seen.set(lane()); done.countDown(); });
            done.await(10, TimeUnit.SECONDS);
            check("ThreadPoolExecutor.execute(Runnable)", "gray", seen.get());
            check("ThreadPoolExecutor.invokeAll", "gray", pool.invokeAll(List.<Callable<String>>of(ExecutorsApp::lane)).get(0).get());
            check("ScheduledThreadPoolExecutor.schedule(Callable)", "gray",
                    scheduler.schedule(ExecutorsApp::lane, 1, TimeUnit.MILLISECONDS).get());
            check("ScheduledThreadPoolExecutor.submit", "gray", scheduler.submit(ExecutorsApp::lane).get());
            // a periodic task's first run is in the lane; its later runs are not (TaskIdentityApp checks those)
            AtomicReference<String> firstRun = new AtomicReference<>("not run");
            CountDownLatch once = new CountDownLatch(1);
            ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> {
                if (once.getCount() > 0) {
                    firstRun.set(lane());
                    once.countDown();
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
            once.await(10, TimeUnit.SECONDS);
            f.cancel(false);
            check("ScheduledThreadPoolExecutor.scheduleAtFixedRate: first run", "gray", firstRun.get());
            check("ForkJoinPool.submit(Callable)", "gray", fjp.submit(ExecutorsApp::lane).get());
            check("ForkJoinPool.commonPool().submit(Callable)", "gray", ForkJoinPool.commonPool().submit(ExecutorsApp::lane).get());
            check("CompletableFuture.supplyAsync(default pool)", "gray", CompletableFuture.supplyAsync(ExecutorsApp::lane).get());
            check("CompletableFuture.supplyAsync(pool).thenApplyAsync(pool)", "gray",
                    CompletableFuture.supplyAsync(ExecutorsApp::lane, pool).thenApplyAsync(l -> l + "/" + lane(), pool)
                            .get().equals("gray/gray") ? "gray" : "mixed");
            check("CompletableFuture.runAsync(ForkJoinPool)", "gray", runAsyncLane(fjp));
            forkJoinTasks(fjp);
        }
        spring(gray);

        // a pool thread that ran a gray task must not keep the lane for the next (baseline) task
        try (LaneContext.Scope ignored = LaneContext.enter(gray)) {
            check("single thread: gray task", "gray", single.submit(ExecutorsApp::lane).get());
        }
        check("single thread: next baseline task", null, single.submit(ExecutorsApp::lane).get());
        check("main thread after scope", null, lane());
        check("ForkJoinPool: next baseline task", null, fjp.submit(ExecutorsApp::lane).get());
        check("ForkJoinTask.fork() on baseline after gray tasks, run by a pool worker", null, forkedOnWorker());
        check("parallel stream on baseline after gray", "[null]", parallelLanes().toString());
        // every recorded task ran, so nothing is left in the agent's table (it holds tasks weakly anyway)
        check("ForkJoinTasks recorded and not yet run", "0", String.valueOf(awaitNoPendingForkJoinTasks()));

        pool.shutdown();
        single.shutdown();
        scheduler.shutdown();
        fjp.shutdown();
        System.out.println(failures.isEmpty() ? "ALL OK" : "FAILED " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** ForkJoinTasks cannot be wrapped; the agent records them at fork/submit and runs them in their lane. */
    private static void forkJoinTasks(ForkJoinPool fjp) throws Exception {
        check("ForkJoinTask.fork() from a non-pool thread, run by a pool worker", "gray", forkedOnWorker());
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        fjp.execute(ForkJoinTask.adapt(() -> { seen.set(lane()); ran.countDown(); }));
        ran.await(10, TimeUnit.SECONDS);
        check("ForkJoinPool.execute(ForkJoinTask)", "gray", seen.get());
        check("ForkJoinPool.submit(ForkJoinTask)", "gray", fjp.submit(ForkJoinTask.adapt(ExecutorsApp::lane)).get());
        // a RecursiveTask tree: subtasks forked by pool workers, stolen by other workers, joined
        check("ForkJoinPool.invoke(RecursiveTask) with nested forks", "[gray]", fjp.invoke(new LanesTask(6)).toString());
        check("parallel stream (common pool)", "[gray]", parallelLanes().toString());
        check("parallel stream inside ForkJoinPool.submit", "[gray]", fjp.submit(ExecutorsApp::parallelLanes).get().toString());
    }

    /**
     * Forks a task from this (non-pool) thread and waits on a latch instead of joining, so the task is run by a pool
     * worker (a joining thread could run it itself); returns the lane the worker saw.
     */
    private static String forkedOnWorker() throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        ForkJoinTask.adapt(() -> { seen.set(lane()); runner.set(Thread.currentThread()); ran.countDown(); }).fork();
        if (!ran.await(10, TimeUnit.SECONDS) || runner.get() == Thread.currentThread()) {
            return "not run by a pool worker";
        }
        return seen.get();
    }

    /** The set of lanes seen by the elements of a parallel stream (sorted; null for baseline). */
    static java.util.Set<String> parallelLanes() {
        java.util.Set<String> lanes = java.util.Collections.synchronizedSet(new java.util.TreeSet<String>(
                java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder())));
        java.util.stream.IntStream.range(0, 4096).parallel().forEach(i -> lanes.add(lane()));
        return lanes;
    }

    private static int awaitNoPendingForkJoinTasks() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (io.graylane.bootstrap.ForkJoinLanes.pending() != 0 && System.nanoTime() < deadline) {
            System.gc(); // tasks that never run (none expected here) leave only when collected
            Thread.sleep(20);
        }
        return io.graylane.bootstrap.ForkJoinLanes.pending();
    }

    /** Collects the lanes seen by every node of a binary fork/join tree of the given depth. */
    static final class LanesTask extends java.util.concurrent.RecursiveTask<java.util.Set<String>> {
        private final int depth;

        LanesTask(int depth) {
            this.depth = depth;
        }

        @Override
        protected java.util.Set<String> compute() {
            java.util.Set<String> lanes = new java.util.TreeSet<>(
                    java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()));
            lanes.add(lane());
            if (depth > 0) {
                LanesTask left = new LanesTask(depth - 1);
                LanesTask right = new LanesTask(depth - 1);
                left.fork();
                lanes.addAll(right.compute());
                lanes.addAll(left.join());
            }
            return lanes;
        }
    }

    private static String runAsyncLane(ExecutorService e) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        CompletableFuture.runAsync(() -> seen.set(lane()), e).get();
        return seen.get();
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

    private static void spring(LaneSnapshot gray) throws Exception {
        try (AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext(SpringConfig.class)) {
            AsyncService service = ctx.getBean(AsyncService.class);
            try (LaneContext.Scope ignored = LaneContext.enter(gray)) {
                check("Spring @Async on ThreadPoolTaskExecutor", "gray", service.pooled().get());
                check("Spring @Async on SimpleAsyncTaskExecutor", "gray", service.simple().get());
                ThreadPoolTaskExecutor tpte = ctx.getBean("pooledExecutor", ThreadPoolTaskExecutor.class);
                check("Spring ThreadPoolTaskExecutor.submit", "gray", tpte.submit(ExecutorsApp::lane).get());
            }
            check("Spring @Async baseline after gray", null, service.pooled().get());
        }
    }

    @Configuration
    @EnableAsync
    public static class SpringConfig {
        @Bean
        public ThreadPoolTaskExecutor pooledExecutor() {
            ThreadPoolTaskExecutor e = new ThreadPoolTaskExecutor();
            e.setCorePoolSize(1);
            e.setMaxPoolSize(1);
            e.setThreadNamePrefix("spring-pool-");
            return e;
        }

        @Bean
        public SimpleAsyncTaskExecutor simpleExecutor() {
            return new SimpleAsyncTaskExecutor("spring-simple-");
        }

        @Bean
        public AsyncService asyncService() {
            return new AsyncService();
        }
    }

    public static class AsyncService {
        @Async("pooledExecutor")
        public CompletableFuture<String> pooled() {
            return CompletableFuture.completedFuture(lane());
        }

        @Async("simpleExecutor")
        public CompletableFuture<String> simple() {
            return CompletableFuture.completedFuture(lane());
        }
    }
}
