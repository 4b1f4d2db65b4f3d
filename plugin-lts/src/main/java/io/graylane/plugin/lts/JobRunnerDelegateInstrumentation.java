package io.graylane.plugin.lts;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** The TaskTracker's job runner: each job runs in the lane it was submitted in; the worker keeps its own context. */
final class JobRunnerDelegateInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(JobRunnerDelegateRewrite.TYPE);
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("run").and(takesArguments(0)), LtsAdvice.class.getName() + "$KeepWorkerContext");
        t.applyAdviceToMethod(named("buildJobContext"), LtsAdvice.class.getName() + "$EnterJobLane");
        t.applyAdviceToMethod(named("stat").and(takesArguments(1)), LtsAdvice.class.getName() + "$LeaveJobLane");
        t.applyAdviceToMethod(named("isStopToGetNewJob").and(takesArguments(0)),
                LtsDrainAdvice.class.getName() + "$NoNextJobWhileOffline");
    }
}
