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
 * Spring WebFlux's WebClient: {@code DefaultWebClientBuilder#build()} (the lane filter goes first among the client's
 * filters) and {@code ExchangeFunctions.DefaultExchangeFunction#exchange(ClientRequest)} (the request goes out with the
 * lane header).
 */
final class WebClientInstrumentation {
    private WebClientInstrumentation() {
    }

    static TypeInstrumentation builder() {
        return new Method("org.springframework.web.reactive.function.client.DefaultWebClientBuilder", "build", 0,
                "$WebClientBuild");
    }

    static TypeInstrumentation exchange() {
        return new Method("org.springframework.web.reactive.function.client.ExchangeFunctions$DefaultExchangeFunction",
                "exchange", 1, "$WebClientExchange");
    }

    private static final class Method implements TypeInstrumentation {
        private final String type;
        private final String method;
        private final int arguments;
        private final String advice;

        Method(String type, String method, int arguments, String advice) {
            this.type = type;
            this.method = method;
            this.arguments = arguments;
            this.advice = advice;
        }

        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return NamedTypeMatcher.named(type);
        }

        @Override
        public void transform(TypeTransformer t) {
            t.applyAdviceToMethod(named(method).and(isPublic()).and(takesArguments(arguments)),
                    SpringCloudAdvice.class.getName() + advice);
        }
    }
}
