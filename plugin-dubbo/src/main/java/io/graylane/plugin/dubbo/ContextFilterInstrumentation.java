package io.graylane.plugin.dubbo;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Provider side, {@code org.apache.dubbo.rpc.filter.ContextFilter#invoke(Invoker, Invocation)} (2.7 and 3.x): its
 * entry is the last point where the inbound {@code dubbo.tag} is still there; the rest of the chain and the service
 * method run inside it.
 */
final class ContextFilterInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.dubbo.rpc.filter.ContextFilter");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("invoke").and(takesArguments(2)), DubboAdvice.class.getName() + "$InboundAdvice");
    }
}
