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
 * Consumer side, {@code AbstractClusterInvoker#invoke(Invocation)} (2.7 and 3.x): before the routers run. In 3.x the
 * cluster filters (ConsumerContextFilter) have already copied the application's RpcContext attachments into the
 * invocation; in 2.7 this method copies them right after the advice and they win, so a tag the application set is
 * never overwritten either way.
 */
final class ClusterInvokerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.dubbo.rpc.cluster.support.AbstractClusterInvoker");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("invoke").and(takesArguments(1))
                        .and(takesArgument(0, named("org.apache.dubbo.rpc.Invocation"))),
                DubboAdvice.class.getName() + "$OutboundAdvice");
    }
}
