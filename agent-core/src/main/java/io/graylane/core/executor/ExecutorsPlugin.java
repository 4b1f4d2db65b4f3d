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
                // submit(), invokeAll() and friends of AbstractExecutorService all end in execute()
                new WrapTaskArgument("java.util.concurrent.ThreadPoolExecutor", "execute"),
                // its execute() and submit() go through schedule(); a periodic task runs in the lane it was scheduled in
                new WrapTaskArgument("java.util.concurrent.ScheduledThreadPoolExecutor",
                        "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"),
                // Runnable/Callable submissions; CompletableFuture's async stages on the common pool arrive here
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
