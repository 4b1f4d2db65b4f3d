package io.graylane.plugin.servlet;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Tomcat's {@code ApplicationFilterChain#doFilter(ServletRequest, ServletResponse)} (same class name in Tomcat 9 and
 * 10+): the start of each dispatch, so servlet filters run in the request's lane too.
 */
final class TomcatFilterChainInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.catalina.core.ApplicationFilterChain");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("doFilter").and(isPublic()).and(takesArguments(2)),
                ServletAdvice.class.getName() + "$RequestAdvice");
        t.applyAdviceToMethod(named("doFilter").and(isPublic()).and(takesArguments(2)),
                ServletAdvice.class.getName() + "$HealthAdvice");
    }
}
