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
    static final String HOLDER = "com.alibaba.nacos.client.naming.cache.ServiceInfoHolder";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(HOLDER);
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("processServiceInfo").and(isPublic()).and(takesArguments(1))
                        .and(takesArgument(0, named(NacosServiceInfoHandler.ANCHOR))),
                SpringCloudAdvice.class.getName() + "$NacosServiceView");
    }
}
