package io.graylane.core.executor;

import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * {@code ScheduledThreadPoolExecutor.schedule*}: its execute() and submit() go through schedule(). A periodic task
 * runs every time in the lane it was scheduled from.
 */
final class ScheduledThreadPoolExecutorInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.ScheduledThreadPoolExecutor");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                        .and(takesArgument(0, named("java.lang.Runnable"))),
                TaskAdvice.class.getName() + "$WrapRunnableAdvice");
        t.applyAdviceToMethod(named("schedule").and(takesArgument(0, named("java.util.concurrent.Callable"))),
                TaskAdvice.class.getName() + "$WrapCallableAdvice");
    }
}
