package io.graylane.plugin.lts;

import com.github.ltsopensource.core.cluster.Node;
import com.github.ltsopensource.core.protocol.command.JobPullRequest;
import com.github.ltsopensource.queue.domain.JobPo;
import com.github.ltsopensource.remoting.protocol.RemotingCommand;
import io.graylane.bootstrap.jobs.JobLanes;
import net.bytebuddy.asm.Advice;

import java.util.Iterator;
import java.util.LinkedList;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Advice that routes jobs to TaskTrackers of their lane (see {@link JobLanes} for the rule). Inlined: it names LTS
 * classes and graylane's bootstrap classes only. Static, stateless, every Throwable suppressed; when the queue filter
 * fails, LTS's own {@code pollFirst} runs (the job goes to whichever TaskTracker pulled, as without the agent).
 */
public final class LtsRouteAdvice {
    private LtsRouteAdvice() {
    }

    /** TaskTracker, exit of {@code CommandBodyWrapper.wrapper(body)}: a pull request of a lane node carries its lane. */
    public static class StampPull {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return Object body) {
            String lane = JobLanes.nodeLane();
            if (lane != null && body instanceof JobPullRequest) {
                ((JobPullRequest) body).putExtParam(JobLanes.LANE_PARAM, lane);
            }
        }
    }

    /** JobTracker, entry of {@code JobPullProcessor.processRequest}: the pulling TaskTracker's lane is recorded. */
    public static class RecordPull {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(1) Object request) {
            if (request instanceof RemotingCommand) {
                Object body = ((RemotingCommand) request).getBody();
                if (body instanceof JobPullRequest) {
                    JobPullRequest pull = (JobPullRequest) body;
                    Map<String, Object> ext = pull.getExtParams();
                    JobLanes.pulled(pull.getNodeGroup(), pull.getIdentity(),
                            ext == null ? null : ext.get(JobLanes.LANE_PARAM));
                }
            }
        }
    }

    /** JobTracker, entry of {@code TaskTrackerManager.removeNode(Node)}: the TaskTracker left the registry. */
    public static class TrackerGone {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object node) {
            if (node instanceof Node) {
                JobLanes.trackerGone(((Node) node).getGroup(), ((Node) node).getIdentity());
            }
        }
    }

    /** JobTracker, {@code AbstractPreLoader.take(nodeGroup, identity)}: the job queue filters for that TaskTracker. */
    public static class Take {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) String nodeGroup, @Advice.Argument(1) String identity) {
            JobLanes.beginTake(nodeGroup, identity);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Return Object taken) {
            String lane = null;
            if (taken instanceof JobPo) {
                JobPo job = (JobPo) taken;
                Map<String, String> ext = job.getExtParams();
                lane = JobLanes.laneOf(ext == null ? null : ext.get(JobLanes.LANE_PARAM),
                        job.getRealTaskId() != null ? job.getRealTaskId() : job.getTaskId(), job.getCronExpression(),
                        job.getRepeatInterval());
            }
            JobLanes.endTake(taken != null, lane);
        }
    }

    /**
     * JobTracker, {@code JobPriorityBlockingDeque.pollFirst()} during a take: the first job (in LTS's priority order)
     * that the TaskTracker being served may run is removed and returned, the same way LTS removes its first one; null
     * when there is none (the others stay queued for their lane's TaskTrackers). Outside a take LTS's own code runs.
     */
    public static class PollInLane {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        public static Object enter(@Advice.FieldValue("list") LinkedList<JobPo> list,
                                   @Advice.FieldValue("lock") ReentrantLock lock,
                                   @Advice.FieldValue("jobs") Map<String, Long> jobs) {
            if (!JobLanes.taking()) {
                return null;
            }
            lock.lock();
            try {
                for (Iterator<JobPo> it = list.iterator(); it.hasNext(); ) {
                    JobPo job = it.next();
                    Map<String, String> ext = job.getExtParams();
                    if (JobLanes.takes(JobLanes.laneOf(ext == null ? null : ext.get(JobLanes.LANE_PARAM),
                            job.getRealTaskId() != null ? job.getRealTaskId() : job.getTaskId(),
                            job.getCronExpression(), job.getRepeatInterval()))) {
                        it.remove();
                        jobs.remove(job.getJobId());
                        return job;
                    }
                }
                return Boolean.FALSE;
            } finally {
                lock.unlock();
            }
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Enter Object taken, @Advice.Return(readOnly = false) JobPo result) {
            if (taken instanceof JobPo) {
                result = (JobPo) taken;
            } else if (taken != null) {
                result = null;
            }
        }
    }
}
