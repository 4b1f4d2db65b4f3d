package io.graylane.plugin.lts;

import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Lanes for LTS (Light Task Scheduler) 1.7.x jobs. Today: a realtime or trigger-time job submitted in a lane carries
 * it (job parameter {@value LtsAdvice#LANE_PARAM}) and runs with it as its lane context on the TaskTracker; cron and
 * repeat jobs are never tagged and run on baseline. Routing jobs to TaskTrackers of their lane is not built yet.
 */
public final class LtsPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "lts";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList("com.github.ltsopensource.core.domain.Job");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Arrays.<TypeInstrumentation>asList(new JobClientInstrumentation(), new JobRunnerDelegateInstrumentation());
    }
}
