package io.graylane.core.executor;

import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Spring's SimpleAsyncTaskExecutor (the {@code @Async} executor of a plain Spring context): a thread per task. */
final class SpringSimpleAsyncTaskExecutorInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.springframework.core.task.SimpleAsyncTaskExecutor");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("doExecute").and(takesArguments(1)).and(takesArgument(0, named("java.lang.Runnable"))),
                TaskAdvice.class.getName() + "$WrapRunnableAdvice");
    }
}
