package io.graylane.plugin.dubbo;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Consumer side, {@code org.apache.dubbo.rpc.protocol.AbstractInvoker#invoke(Invocation)}: the one provider the
 * routers and load balancer picked. Only counts calls of a lane that went to an instance of another lane (fallback).
 */
final class ProtocolInvokerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.dubbo.rpc.protocol.AbstractInvoker");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("invoke").and(takesArguments(1))
                        .and(takesArgument(0, named("org.apache.dubbo.rpc.Invocation"))),
                DubboAdvice.class.getName() + "$ServedByAdvice");
    }
}
