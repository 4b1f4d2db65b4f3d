package io.graylane.core.executor;

import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * {@code ForkJoinPool.execute/submit(Runnable|Callable)}: parallel streams' and CompletableFuture's async stages on
 * the common pool arrive here. Tasks submitted as ForkJoinTask are left alone (their identity is the API).
 */
final class ForkJoinPoolInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.ForkJoinPool");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(namedOneOf("execute", "submit").and(takesArgument(0, named("java.lang.Runnable"))),
                TaskAdvice.class.getName() + "$WrapRunnableAdvice");
        t.applyAdviceToMethod(named("submit").and(takesArgument(0, named("java.util.concurrent.Callable"))),
                TaskAdvice.class.getName() + "$WrapCallableAdvice");
    }
}
