package io.graylane.plugin.springcloud;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Spring Cloud Alibaba's {@code NacosServiceRegistry#register(Registration)}. */
final class NacosRegistryInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("com.alibaba.cloud.nacos.registry.NacosServiceRegistry");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("register").and(isPublic()).and(takesArguments(1)),
                SpringCloudAdvice.class.getName() + "$Register");
    }
}
