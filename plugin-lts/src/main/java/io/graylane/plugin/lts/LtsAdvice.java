package io.graylane.plugin.lts;

import com.github.ltsopensource.core.domain.Job;
import com.github.ltsopensource.tasktracker.runner.JobContext;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.jobs.JobLanes;
import io.graylane.bootstrap.jobs.TrackerWork;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.rpc.RpcLanes;
import net.bytebuddy.asm.Advice;

import java.util.List;

/**
 * Advice woven into LTS. Inlined: it may name LTS classes (they are the target's own) and graylane's bootstrap
 * classes, nothing else. Static, stateless, every Throwable suppressed.
 */
public final class LtsAdvice {
    /** The job parameter that carries the lane a job was submitted in. */
    public static final String LANE_PARAM = JobLanes.LANE_PARAM;

    private LtsAdvice() {
    }

    /**
     * Entry of the public {@code JobClient.submitJob(Job)} / {@code submitJob(List<Job>)}, on the caller's thread: a
     * realtime or trigger-time job submitted in a lane carries it. Cron and repeat jobs never do (they run on
     * baseline: a lane on them would be re-applied at every fire), and a lane the application set is kept.
     */
    public static class StampSubmitted {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object arg) {
            String lane = LaneContext.currentLane();
            if (arg instanceof Job) {
                Job job = (Job) arg;
                if (lane != null && !job.isCron() && !job.isRepeatable() && job.getParam(LANE_PARAM) == null) {
                    job.setParam(LANE_PARAM, lane);
                }
                JobLanes.submitted(job.getParam(LANE_PARAM));
            } else if (arg instanceof List) {
                for (Object o : (List<?>) arg) {
                    if (o instanceof Job) {
                        Job job = (Job) o;
                        if (lane != null && !job.isCron() && !job.isRepeatable() && job.getParam(LANE_PARAM) == null) {
                            job.setParam(LANE_PARAM, lane);
                        }
                        JobLanes.submitted(job.getParam(LANE_PARAM));
                    }
                }
            }
        }
    }

    /**
     * {@code JobRunnerDelegate.run()}: whatever lane a job sets, the worker thread gets its own context back; on return
     * LTS has reported the last job's result to the JobTracker, so that job stops counting as running (drain).
     */
    public static class KeepWorkerContext {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static LaneSnapshot enter() {
            return LaneContext.current();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter LaneSnapshot previous) {
            TrackerWork.jobReported();
            LaneContext.restore(previous);
        }
    }

    /**
     * Exit of {@code JobRunnerDelegate.buildJobContext(..)}, just before the job's {@code JobRunner.run}: the job's lane
     * (a valid lane name from its parameters, else baseline) becomes current.
     */
    public static class EnterJobLane {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Return Object context) {
            TrackerWork.jobStarted();
            Job job = context instanceof JobContext ? ((JobContext) context).getJob() : null;
            String lane = job != null ? job.getParam(LANE_PARAM) : null;
            if (lane == null && job != null && (job.isCron() || job.isRepeatable())) {
                // the JobTracker hands a lane's TaskTracker a scheduled job only when the rules put it in that lane
                lane = JobLanes.nodeLane();
            }
            LaneSnapshot snapshot = lane == null ? null : RpcLanes.snapshot(lane);
            LaneContext.swap(snapshot);
            if (job != null) {
                JobLanes.run(snapshot == null ? null : lane, job.isCron() || job.isRepeatable());
            }
        }
    }

    /**
     * Entry of {@code JobRunnerDelegate.stat(Action)}, right after the job's {@code JobRunner.run} returned: back to
     * baseline before LTS reports the result and pulls the next job (LTS worker threads start on baseline). The job
     * still counts as running until the report is done ({@link KeepWorkerContext}, {@link TrackerWork#jobStarted}).
     */
    public static class LeaveJobLane {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            LaneContext.restore(null);
        }
    }
}
