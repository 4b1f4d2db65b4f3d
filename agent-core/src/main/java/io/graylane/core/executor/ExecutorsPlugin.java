package io.graylane.core.executor;

import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.List;

/**
 * Carries the lane across the JDK's thread pools (ThreadPoolExecutor, ScheduledThreadPoolExecutor, ForkJoinPool,
 * CompletableFuture's own async executor) and Spring's SimpleAsyncTaskExecutor. Spring's ThreadPoolTaskExecutor and
 * ThreadPoolTaskScheduler (what {@code @Async} runs on in Spring Boot) delegate to the JDK pools.
 */
public final class ExecutorsPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "executors";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Arrays.<TypeInstrumentation>asList(
                new ThreadPoolExecutorInstrumentation(),
                new ScheduledThreadPoolExecutorInstrumentation(),
                new ForkJoinPoolInstrumentation(),
                new CompletableFutureThreadPerTaskInstrumentation(),
                new SpringSimpleAsyncTaskExecutorInstrumentation());
    }
}
