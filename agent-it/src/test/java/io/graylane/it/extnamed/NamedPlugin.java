package io.graylane.it.extnamed;

import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * A well-behaved plugin whose instrumentation names its type: ByteBuddy is then set up on a background thread, and
 * the target, loaded as the application's very first class, must wait for it and still be woven.
 */
public final class NamedPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "named-advice";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return NamedTypeMatcher.named("io.graylane.it.apps.GreeterApp$Greeter");
            }

            @Override
            public void transform(TypeTransformer t) {
                t.applyAdviceToMethod(named("greet"), SuffixAdvice.class.getName());
            }
        });
    }

    public static class SuffixAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return(readOnly = false) String greeting) {
            greeting = greeting + " (woven)";
        }
    }
}
