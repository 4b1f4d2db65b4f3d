package io.graylane.plugin.lts;

import io.graylane.bootstrap.jobs.JobLanes;
import io.graylane.core.config.ConfigKey;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Lanes for LTS (Light Task Scheduler) 1.7.x jobs: a realtime or trigger-time job submitted in a lane carries it (job
 * parameter {@value LtsAdvice#LANE_PARAM}), the JobTracker hands it to a TaskTracker of that lane of its node group
 * when one is alive (else to baseline, or holds it in strict mode), and it runs with the lane as its lane context.
 * A TaskTracker announces its lane in its pull requests; every TaskTracker stays in its own node group. Cron and
 * repeat jobs are never tagged and run on baseline TaskTrackers.
 */
public final class LtsPlugin implements GraylanePlugin {
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
        return all;
    }

    @Override
    public void start(PluginContext context) {
        boolean strict = context.config().getBoolean(STRICT);
        JobLanes.configure(context.nodeLane(), strict, new JobLanes.Listener() {
            @Override
            public void trackerLane(String nodeGroup, String identity, String lane) {
                AgentLogger.info("lts: TaskTracker " + printable(identity) + " of node group " + printable(nodeGroup)
                        + " pulls in lane " + (lane == null ? JobLanes.BASELINE : lane));
            }

            @Override
            public void trackerGone(String nodeGroup, String identity, String lane) {
                AgentLogger.info("lts: TaskTracker " + printable(identity) + " of node group " + printable(nodeGroup)
                        + " left (lane " + (lane == null ? JobLanes.BASELINE : lane) + ")");
            }
        });
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
