package io.graylane.plugin.lts;

import io.graylane.bootstrap.jobs.TrackerWork;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeWork;

/**
 * The LTS TaskTracker's share of the node's work: offline = no pull, no next job after a completion, a push refused so
 * that the JobTracker re-queues it; running jobs finish and the connection to the JobTracker stays (a TaskTracker gone
 * for more than ~10 s gets its running jobs re-queued, which would run them twice). In flight = jobs running.
 */
final class LtsNodeWork implements NodeWork {
    static final LtsNodeWork INSTANCE = new LtsNodeWork();

    private LtsNodeWork() {
    }

    @Override
    public String framework() {
        return "lts";
    }

    @Override
    public void stopTakingWork() {
        if (!TrackerWork.offline()) {
            TrackerWork.offline(true);
            AgentLogger.info("lts: TaskTracker offline: takes no new job, " + TrackerWork.running()
                    + " running finish, connection kept");
        }
    }

    @Override
    public void resumeWork() {
        if (TrackerWork.offline()) {
            TrackerWork.offline(false);
            AgentLogger.info("lts: TaskTracker online: pulls jobs again");
        }
    }

    @Override
    public long inFlight() {
        return TrackerWork.running();
    }

    @Override
    public long startedTotal() {
        return TrackerWork.started();
    }

    /** For {@code /status}: {@code online|offline|drained, N running}. */
    static String status() {
        long running = TrackerWork.running();
        String state = !TrackerWork.offline() ? "online" : running == 0 ? "drained" : "offline";
        return state + ", " + running + " running, " + TrackerWork.started() + " started, " + TrackerWork.refused()
                + " refused while offline";
    }
}
