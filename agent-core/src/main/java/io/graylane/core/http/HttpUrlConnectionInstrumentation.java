package io.graylane.core.http;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.net.www.protocol.http.HttpURLConnection} (the JDK's http and, through its delegate, https client): at the
 * entry of {@code connect()}, {@code getOutputStream()} and {@code getInputStream()} — the calls that send the
 * request — while the connection is not yet connected, the lane header is added.
 */
final class HttpUrlConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("sun.net.www.protocol.http.HttpURLConnection");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(namedOneOf("connect", "getOutputStream", "getInputStream").and(takesArguments(0)),
                HttpClientAdvice.class.getName() + "$HttpUrlConnectionAdvice");
    }
}
