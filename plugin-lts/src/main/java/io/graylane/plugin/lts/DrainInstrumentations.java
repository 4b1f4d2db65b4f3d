package io.graylane.plugin.lts;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Where the TaskTracker stops taking jobs while offline (see {@link LtsDrainAdvice}). */
final class DrainInstrumentations {
    private static final String ADVICE = LtsDrainAdvice.class.getName();

    private DrainInstrumentations() {
    }

    static List<TypeInstrumentation> all() {
        return Arrays.<TypeInstrumentation>asList(
                new TypeInstrumentation() {
                    @Override
                    public ElementMatcher<TypeDescription> typeMatcher() {
                        return NamedTypeMatcher.named("com.github.ltsopensource.tasktracker.support.JobPullMachine");
                    }

                    @Override
                    public void transform(TypeTransformer t) {
                        t.applyAdviceToMethod(isConstructor(), ADVICE + "$TrackerStarting");
                        t.applyAdviceToMethod(named("sendRequest").and(takesArguments(0)),
                                ADVICE + "$NoPullWhileOffline");
                    }
                },
                new TypeInstrumentation() {
                    @Override
                    public ElementMatcher<TypeDescription> typeMatcher() {
                        return NamedTypeMatcher.named("com.github.ltsopensource.tasktracker.processor.JobPushProcessor");
                    }

                    @Override
                    public void transform(TypeTransformer t) {
                        t.applyAdviceToMethod(named("processRequest").and(takesArguments(2)),
                                ADVICE + "$RefusePushWhileOffline");
                    }
                });
    }
}
