package io.graylane.core.executor;

import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code ThreadPoolExecutor.execute(Runnable)}: submit(), invokeAll() and friends all end here. */
final class ThreadPoolExecutorInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.ThreadPoolExecutor");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("execute").and(takesArguments(1)).and(takesArgument(0, named("java.lang.Runnable"))),
                TaskAdvice.class.getName() + "$WrapRunnableAdvice");
    }
}
