package io.graylane.plugin.servlet;

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
 * {@code <pkg>.http.HttpServlet#service(ServletRequest, ServletResponse)}: the servlet entry on any container
 * (Spring's DispatcherServlet inherits it). {@code pkg} is {@code javax.servlet} or {@code jakarta.servlet}.
 */
final class HttpServletInstrumentation implements TypeInstrumentation {
    private final String pkg;

    HttpServletInstrumentation(String pkg) {
        this.pkg = pkg;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(pkg + ".http.HttpServlet");
    }

    @Override
    public void transform(TypeTransformer t) {
        ElementMatcher.Junction<MethodDescription> service = named("service").and(isPublic()).and(takesArguments(2))
                .and(takesArgument(0, named(pkg + ".ServletRequest")))
                .and(takesArgument(1, named(pkg + ".ServletResponse")));
        t.applyAdviceToMethod(service, ServletAdvice.class.getName() + "$RequestAdvice");
        t.applyAdviceToMethod(service, ServletAdvice.class.getName() + "$HealthAdvice");
    }
}
