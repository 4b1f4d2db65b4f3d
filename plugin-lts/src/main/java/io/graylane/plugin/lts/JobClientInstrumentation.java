package io.graylane.plugin.lts;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** The public submit entries of {@code JobClient} (one job, a list of jobs): jobs submitted in a lane carry it. */
final class JobClientInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("com.github.ltsopensource.jobclient.JobClient");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(isPublic().and(named("submitJob")).and(takesArguments(1))
                        .and(takesArgument(0, named("com.github.ltsopensource.core.domain.Job"))
                                .or(takesArgument(0, named("java.util.List")))),
                LtsAdvice.class.getName() + "$StampSubmitted");
    }
}
