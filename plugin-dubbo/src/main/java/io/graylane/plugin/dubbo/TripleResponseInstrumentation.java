package io.graylane.plugin.dubbo;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code org.apache.dubbo.rpc.protocol.tri.DeadlineFuture} (Triple protocol, Dubbo 3.x): the future of a unary call.
 * It is made on the calling thread ({@code newFuture}: the lane is recorded) and completed by {@code doReceived} on
 * whatever thread handles the response, which runs the application's dependent stages ({@code thenApply},
 * {@code whenComplete}…): the recorded lane is current around it, so those stages and the calls they make stay in the
 * lane. The dubbo protocol's counterpart is {@link ResponseFutureInstrumentation}.
 */
final class TripleResponseInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.dubbo.rpc.protocol.tri.DeadlineFuture");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("newFuture").and(isStatic()),
                DubboAdvice.class.getName() + "$TripleFutureCreatedAdvice");
        t.applyAdviceToMethod(named("doReceived").and(takesArguments(2)),
                DubboAdvice.class.getName() + "$TripleResponseAdvice");
    }
}
