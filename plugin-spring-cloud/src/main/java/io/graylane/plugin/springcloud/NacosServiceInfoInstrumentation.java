package io.graylane.plugin.springcloud;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The Nacos 2.x naming client's {@code ServiceInfoHolder#processServiceInfo(ServiceInfo)}: every push from the server
 * and every query's answer passes through it; its return value is the client's view of the service from then on.
 */
final class NacosServiceInfoInstrumentation implements TypeInstrumentation {
    /**
     * Built at run time: the agent jar relocates every {@code com.alibaba.nacos} name written in its classes (string
     * constants included) to its own embedded Nacos client.
     */
    private static final String NACOS = String.join(".", "com", "alibaba", "nacos");
    static final String HOLDER = NACOS + ".client.naming.cache.ServiceInfoHolder";
    static final String SERVICE_INFO = NACOS + ".api.naming.pojo.ServiceInfo";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(HOLDER);
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("processServiceInfo").and(isPublic()).and(takesArguments(1))
                        .and(takesArgument(0, named(SERVICE_INFO))),
                SpringCloudAdvice.class.getName() + "$NacosServiceView");
    }
}
