package io.graylane.plugin.lts;

import io.graylane.core.AgentState;
import io.graylane.core.config.ConfigKey;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeWorkRegistry;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.rules.AgentRules;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleListener;
import io.graylane.rules.model.JobLanes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Lanes for LTS (Light Task Scheduler) 1.7.x jobs: a realtime or trigger-time job submitted in a lane carries it (job
 * parameter {@value LtsAdvice#LANE_PARAM}), the JobTracker hands it to a TaskTracker of that lane of its node group
 * when one is alive (else to baseline, or holds it in strict mode), and it runs with the lane as its lane context.
 * A TaskTracker announces its lane in its pull requests; every TaskTracker stays in its own node group. Cron and
 * repeat jobs are never tagged and run on baseline TaskTrackers.
 */
public final class LtsPlugin implements GraylanePlugin {
    private static final String BASELINE = io.graylane.bootstrap.jobs.JobLanes.BASELINE;
    /** Hold a lane's jobs while no TaskTracker of the lane is alive instead of running them on baseline. */
    static final ConfigKey STRICT = ConfigKey.of("graylane.lts.strict", ConfigKey.Type.BOOLEAN, "false",
            "true (read by the JobTracker's agent): a job of a lane with no TaskTracker of that lane alive in its node"
                    + " group waits in the queue instead of running on a baseline TaskTracker");

    @Override
    public String name() {
        return "lts";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList("com.github.ltsopensource.core.domain.Job");
    }

    @Override
    public List<ConfigKey> configKeys() {
        return Collections.singletonList(STRICT);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        List<TypeInstrumentation> all = new ArrayList<TypeInstrumentation>();
        all.add(new JobClientInstrumentation());
        all.add(new JobRunnerDelegateInstrumentation());
        all.addAll(JobRoutingInstrumentations.all());
        all.addAll(DrainInstrumentations.all());
        return all;
    }

    @Override
    public void start(PluginContext context) {
        boolean strict = context.config().getBoolean(STRICT);
        io.graylane.bootstrap.jobs.JobLanes.configure(context.nodeLane(), strict,
                new io.graylane.bootstrap.jobs.JobLanes.Listener() {
            @Override
            public void trackerLane(String nodeGroup, String identity, String lane) {
                AgentLogger.info("lts: TaskTracker " + printable(identity) + " of node group " + printable(nodeGroup)
                        + " pulls in lane " + (lane == null ? BASELINE : lane));
            }

            @Override
            public void trackerGone(String nodeGroup, String identity, String lane) {
                AgentLogger.info("lts: TaskTracker " + printable(identity) + " of node group " + printable(nodeGroup)
                        + " left (lane " + (lane == null ? BASELINE : lane) + ")");
            }
        });
        io.graylane.bootstrap.jobs.TrackerWork.onTrackerStart(new Runnable() {
            @Override
            public void run() {
                NodeWorkRegistry.register(LtsNodeWork.INSTANCE);
                AgentState state = AgentState.current();
                if (state != null) {
                    state.putLive("ltsTaskTracker", new Callable<String>() {
                        @Override
                        public String call() {
                            return LtsNodeWork.status();
                        }
                    });
                }
            }
        });
        scheduledLanes(AgentRules.get().document(), null);
        AgentRules.get().holder().addListener(new RuleListener() {
            @Override
            public void onRulesChanged(RuleDocument previous, RuleDocument current, String origin) {
                scheduledLanes(current, previous);
            }
        });
    }

    /** Installs the rule document's {@code jobs} (the lanes of scheduled jobs) for the JobTracker's dispatch rule. */
    static void scheduledLanes(RuleDocument current, RuleDocument previous) {
        final JobLanes jobs = current == null ? JobLanes.NONE : current.jobs();
        io.graylane.bootstrap.jobs.JobLanes.scheduledLanes(jobs.isEmpty() ? null
                : new java.util.function.Function<String, String>() {
                    @Override
                    public String apply(String taskId) {
                        return jobs.laneOf(taskId);
                    }
                });
        JobLanes before = previous == null ? JobLanes.NONE : previous.jobs();
        if (!before.patterns().equals(jobs.patterns())) {
            AgentLogger.info("lts: scheduled jobs in lanes " + (jobs.isEmpty() ? "none (all on baseline)"
                    : jobs.patterns().toString()));
        }
    }

    /** A name from the wire, made safe for one log line. */
    static String printable(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x21 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
