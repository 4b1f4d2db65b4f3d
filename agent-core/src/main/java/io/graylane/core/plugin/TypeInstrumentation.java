package io.graylane.core.plugin;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Instruments one target type (or a small family named by string matchers: never load a target class to match it).
 * Advice classes are named by string too, and must be static, stateless and use {@code suppress = Throwable.class}.
 */
public interface TypeInstrumentation {
    ElementMatcher<TypeDescription> typeMatcher();

    /**
     * The exact binary names of every type {@link #typeMatcher()} can match, or null when it matches by something
     * else (a super type, an annotation). When every active instrumentation names its types, the agent sets ByteBuddy
     * up on a background thread and only a class of one of these names waits for it; otherwise the set-up happens
     * during premain. The default answers for a {@link NamedTypeMatcher}.
     */
    default java.util.Set<String> typeNames() {
        ElementMatcher<TypeDescription> m = typeMatcher();
        return m instanceof NamedTypeMatcher ? ((NamedTypeMatcher) m).names() : null;
    }

    void transform(TypeTransformer transformer);
}
