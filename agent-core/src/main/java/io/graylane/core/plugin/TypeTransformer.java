package io.graylane.core.plugin;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** What a {@link TypeInstrumentation} may do to its type: weave advice into methods. No class-shape changes. */
public interface TypeTransformer {
    /**
     * @param methods which methods of the matched type get the advice
     * @param adviceClassName binary name of a class with {@code @Advice.OnMethodEnter/Exit} methods, loadable from the
     *                        plugin's class loader
     */
    void applyAdviceToMethod(ElementMatcher<? super MethodDescription> methods, String adviceClassName);
}
