package io.graylane.plugin.dubbo;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * {@code ServiceConfig#doExportUrls(..)} (2.7: no arguments; 3.x: the register type): runs after the configuration
 * was refreshed from every source and before any URL is built, so a tag set here reaches the interface-level URL and
 * the application-level metadata alike. Reference (consumer) configs are not touched.
 */
final class ServiceConfigInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.dubbo.config.ServiceConfig");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("doExportUrls"), DubboAdvice.class.getName() + "$TagProviderAdvice");
    }
}
