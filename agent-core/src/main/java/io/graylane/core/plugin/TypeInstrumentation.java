package io.graylane.core.plugin;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Instruments one target type (or a small family named by string matchers: never load a target class to match it).
 * Advice classes are named by string too, and must be static, stateless and use {@code suppress = Throwable.class}.
 */
public interface TypeInstrumentation {
    ElementMatcher<TypeDescription> typeMatcher();

    void transform(TypeTransformer transformer);
}
