package io.graylane.plugin.springcloud;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Spring Cloud Gateway's static {@code HttpHeadersFilter.filterRequest(List, ServerWebExchange)}: the headers its
 * routing filters (Reactor Netty and WebClient) send downstream, computed after the route's URL is resolved.
 */
final class GatewayHeadersInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(ReactiveLanes.HEADERS_FILTER);
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("filterRequest").and(isStatic()).and(takesArguments(2)),
                SpringCloudAdvice.class.getName() + "$GatewayRequestHeaders");
    }
}
