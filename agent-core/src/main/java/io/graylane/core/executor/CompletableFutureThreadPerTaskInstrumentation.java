package io.graylane.core.executor;

import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * CompletableFuture's fallback async executor, used instead of the common pool when it has parallelism 1 (any machine
 * with two cores or fewer): a new thread per task.
 */
final class CompletableFutureThreadPerTaskInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("execute").and(takesArgument(0, named("java.lang.Runnable"))),
                TaskAdvice.class.getName() + "$WrapRunnableAdvice");
    }
}
