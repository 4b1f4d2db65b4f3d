package io.graylane.plugin.dubbo;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code org.apache.dubbo.remoting.exchange.support.DefaultFuture#doReceived(Response)} (dubbo protocol, 2.7 and 3.x):
 * where a response completes the call's future. Completion runs the application's dependent stages
 * ({@code thenApply}, {@code whenComplete}…) on whatever thread received the response; the advice makes the request's
 * lane (the {@code dubbo.tag} the call was sent with) current around it, so those stages and the calls they make stay
 * in the lane.
 */
final class ResponseFutureInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.dubbo.remoting.exchange.support.DefaultFuture");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("doReceived").and(takesArguments(1)),
                DubboAdvice.class.getName() + "$ResponseLaneAdvice");
    }
}
