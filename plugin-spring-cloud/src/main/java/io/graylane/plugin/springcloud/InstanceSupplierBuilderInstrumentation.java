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
 * {@code ServiceInstanceListSupplierBuilder#build(ConfigurableApplicationContext)}: every supplier Spring Cloud
 * LoadBalancer's own configurations build (blocking and reactive) comes out of it; the plugin wraps what it returns.
 */
final class InstanceSupplierBuilderInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("build").and(isPublic()).and(takesArguments(1)),
                SpringCloudAdvice.class.getName() + "$WrapSupplier");
    }
}
