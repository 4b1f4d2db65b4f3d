package io.graylane.plugin.springcloud;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Spring WebFlux's {@code ExceptionHandlingWebHandler#handle(ServerWebExchange)}: the outermost handler of every
 * exchange {@code WebHttpHandlerBuilder} builds (Spring Boot's WebFlux, Spring Cloud Gateway), before any web filter.
 */
final class WebHandlerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.springframework.web.server.handler.ExceptionHandlingWebHandler");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("handle").and(isPublic()).and(takesArguments(1)),
                SpringCloudAdvice.class.getName() + "$ExchangeIngress");
    }
}
