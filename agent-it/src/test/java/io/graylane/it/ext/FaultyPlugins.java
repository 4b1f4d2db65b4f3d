package io.graylane.it.ext;

import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;

/** Plugins that fail in each way a plugin can fail; packed into an extension jar by the test. */
public final class FaultyPlugins {
    private FaultyPlugins() {
    }

    /** Its advice throws on every call: the call must still return its normal result. */
    public static final class ThrowingAdvicePlugin implements GraylanePlugin {
        @Override
        public String name() {
            return "throwing-advice";
        }

        @Override
        public List<TypeInstrumentation> typeInstrumentations() {
            return List.of(new TypeInstrumentation() {
                @Override
                public ElementMatcher<TypeDescription> typeMatcher() {
                    return named("io.graylane.it.apps.FaultTargetApp$Service");
                }

                @Override
                public void transform(TypeTransformer t) {
                    t.applyAdviceToMethod(named("compute"), ThrowingAdvice.class.getName());
                }
            });
        }
    }

    public static class ThrowingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            throw new IllegalStateException("advice failure on enter (deliberate)");
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit() {
            throw new IllegalStateException("advice failure on exit (deliberate)");
        }
    }

    /** Cannot even list its instrumentations. */
    public static final class BrokenPlugin implements GraylanePlugin {
        @Override
        public String name() {
            return "broken-plugin";
        }

        @Override
        public List<TypeInstrumentation> typeInstrumentations() {
            throw new IllegalStateException("deliberately broken plugin");
        }
    }

    /** Names an advice class that does not exist: transforming its target fails. */
    public static final class MissingAdvicePlugin implements GraylanePlugin {
        @Override
        public String name() {
            return "missing-advice";
        }

        @Override
        public List<TypeInstrumentation> typeInstrumentations() {
            return List.of(new TypeInstrumentation() {
                @Override
                public ElementMatcher<TypeDescription> typeMatcher() {
                    return named("io.graylane.it.apps.FaultTargetApp$Other");
                }

                @Override
                public void transform(TypeTransformer t) {
                    t.applyAdviceToMethod(named("name"), "io.graylane.it.ext.NoSuchAdvice");
                }
            });
        }
    }
}
