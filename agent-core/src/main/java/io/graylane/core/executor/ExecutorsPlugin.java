package io.graylane.core.executor;

import io.graylane.core.plugin.ClassRewrite;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Carries the lane across the JDK's thread pools and Spring's SimpleAsyncTaskExecutor. Spring's ThreadPoolTaskExecutor
 * and ThreadPoolTaskScheduler (what {@code @Async} runs on in Spring Boot) delegate to the JDK pools.
 *
 * <p>Thread pools load early in almost every application, so these are {@link ClassRewrite}s (a few ASM
 * instructions at method entry) rather than ByteBuddy advice: they apply from the agent's first moment without
 * waiting for ByteBuddy's set-up, which then stays off the application's start-up path.
 */
public final class ExecutorsPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "executors";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Collections.emptyList();
    }

    @Override
    public List<ClassRewrite> classRewrites() {
        return Arrays.<ClassRewrite>asList(
                // the lane is recorded next to the task, never wrapped around it: remove(), shutdownNow(), before/after
                // execute, rejection handlers and decorateTask see the application's own object. submit(), invokeAll()
                // and friends of AbstractExecutorService end in execute(); runWorker runs the task in its lane
                PoolTaskRewrite.threadPool(),
                // every schedule*/submit/execute ends in delayedExecute(); a periodic task's record is consumed by its
                // first run, so only that run is in the lane it was scheduled in
                PoolTaskRewrite.scheduledPool(),
                // Runnable/Callable submissions are wrapped: the pool adapts them into a ForkJoinTask of its own (the one
                // it returns), has no remove()/hooks, and its shutdownNow() returns no tasks, so nothing sees the wrapper.
                // CompletableFuture's async stages on the common pool arrive here
                new WrapTaskArgument("java.util.concurrent.ForkJoinPool", "execute", "submit"),
                // ForkJoinTasks cannot be wrapped (their identity is their API): fork() and the pool's
                // execute/submit/invoke(ForkJoinTask) record the lane, doExec() runs the task in it (parallel streams,
                // RecursiveTask/Action, CountedCompleter)
                ForkJoinTaskRewrite.pool(),
                ForkJoinTaskRewrite.task(),
                // CompletableFuture's async executor when the common pool has parallelism 1 (≤ 2 cores)
                new WrapTaskArgument("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor", "execute"),
                // the @Async executor of a plain Spring context: a thread per task
                new WrapTaskArgument("org.springframework.core.task.SimpleAsyncTaskExecutor", "doExecute"));
    }
}
