package io.graylane.plugin.nacosnaming;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The Nacos naming client's {@code NacosNamingService}: {@code registerInstance(String, String, Instance)} and
 * {@code deregisterInstance(String, String, Instance)}, which every other (de)register overload calls (nacos-client 2.x
 * and 3.x), and {@code shutDown()}.
 */
final class NamingServiceInstrumentation implements TypeInstrumentation {
    static final String NAMING_SERVICE = "com.alibaba.nacos.client.naming.NacosNamingService";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(NAMING_SERVICE);
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(serviceGroupInstance("registerInstance"), advice("Register"));
        t.applyAdviceToMethod(serviceGroupInstance("deregisterInstance"), advice("Deregister"));
        t.applyAdviceToMethod(named("shutDown").and(isPublic()).and(takesArguments(0)), advice("ShutDown"));
    }

    private static ElementMatcher<MethodDescription> serviceGroupInstance(String method) {
        return named(method).and(isPublic()).and(takesArguments(3))
                .and(takesArgument(0, String.class)).and(takesArgument(1, String.class))
                .and(takesArgument(2, named(NamingNodeWork.INSTANCE)));
    }

    private static String advice(String kind) {
        return NacosNamingAdvice.class.getName() + "$" + kind;
    }
}
