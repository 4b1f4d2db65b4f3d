package io.graylane.plugin.dubbo;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Dubbo 2.7's {@code org.apache.dubbo.rpc.cluster.router.tag.TagRouter#route(List, URL, Invocation)} (3.x has
 * TagStateRouter instead and needs nothing). 2.7 routes a lane's call to the lane's instances even when all of them
 * are unavailable (the process died, the registry has not said so yet, typically for ~1 s), and the cluster's
 * retries then go to the same dead instance: every call of the lane fails in that window. The advice treats "no
 * available instance of the lane" like "no instance of the lane": Dubbo's own fallback to the untagged instances,
 * unless the call is strict ({@code dubbo.force.tag}) or a dynamic tag rule is in force.
 */
final class TagRouter27Instrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.dubbo.rpc.cluster.router.tag.TagRouter");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("route").and(takesArguments(3)), DubboAdvice.class.getName() + "$AvailableLaneAdvice");
    }
}
