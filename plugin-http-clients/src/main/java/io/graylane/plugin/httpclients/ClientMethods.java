package io.graylane.plugin.httpclients;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Advice on public methods of one named client class that take the request to send as their first argument. */
final class ClientMethods implements TypeInstrumentation {
    private final String type;
    private final ElementMatcher<? super MethodDescription> methods;
    private final String advice;

    ClientMethods(String type, ElementMatcher<? super MethodDescription> methods, String advice) {
        this.type = type;
        this.methods = methods;
        this.advice = advice;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(type);
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(methods, advice);
    }
}
