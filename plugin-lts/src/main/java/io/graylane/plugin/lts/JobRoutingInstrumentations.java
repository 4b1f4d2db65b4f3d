package io.graylane.plugin.lts;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Where jobs are routed to TaskTrackers of their lane: one instrumentation per LTS class (see {@link LtsRouteAdvice}). */
final class JobRoutingInstrumentations {
    private static final String ADVICE = LtsRouteAdvice.class.getName();

    private JobRoutingInstrumentations() {
    }

    static List<TypeInstrumentation> all() {
        return Arrays.asList(
                of("com.github.ltsopensource.core.protocol.command.CommandBodyWrapper", t -> t.applyAdviceToMethod(
                        isPublic().and(not(isStatic())).and(named("wrapper")).and(takesArguments(1)),
                        ADVICE + "$StampPull")),
                of("com.github.ltsopensource.jobtracker.processor.JobPullProcessor", t -> t.applyAdviceToMethod(
                        named("processRequest").and(takesArguments(2)), ADVICE + "$RecordPull")),
                of("com.github.ltsopensource.jobtracker.support.cluster.TaskTrackerManager", t -> t.applyAdviceToMethod(
                        named("removeNode").and(takesArguments(1)), ADVICE + "$TrackerGone")),
                of("com.github.ltsopensource.queue.AbstractPreLoader", t -> t.applyAdviceToMethod(
                        named("take").and(takesArguments(2)), ADVICE + "$Take")),
                of("com.github.ltsopensource.queue.JobPriorityBlockingDeque", t -> t.applyAdviceToMethod(
                        named("pollFirst").and(takesArguments(0)), ADVICE + "$PollInLane")));
    }

    private interface Transform {
        void apply(TypeTransformer t);
    }

    private static TypeInstrumentation of(String type, Transform transform) {
        return new TypeInstrumentation() {
            @Override
            public ElementMatcher<TypeDescription> typeMatcher() {
                return NamedTypeMatcher.named(type);
            }

            @Override
            public void transform(TypeTransformer t) {
                transform.apply(t);
            }
        };
    }
}
