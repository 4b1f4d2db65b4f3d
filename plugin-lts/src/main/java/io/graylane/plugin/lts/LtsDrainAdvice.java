package io.graylane.plugin.lts;

import com.github.ltsopensource.core.domain.JobMeta;
import com.github.ltsopensource.core.protocol.JobProtos;
import com.github.ltsopensource.core.protocol.command.JobPushRequest;
import com.github.ltsopensource.core.protocol.command.JobPushResponse;
import com.github.ltsopensource.remoting.protocol.RemotingCommand;
import io.graylane.bootstrap.jobs.TrackerWork;
import net.bytebuddy.asm.Advice;

import java.util.ArrayList;
import java.util.List;

/**
 * The TaskTracker's drain ({@link TrackerWork}): while offline it takes no new job, and the jobs it runs finish; its
 * connection to the JobTracker is untouched (a TaskTracker gone for more than ~10 s gets its running jobs re-queued by
 * the JobTracker, which would run them twice). Inlined; every Throwable suppressed (LTS then behaves as without it).
 */
public final class LtsDrainAdvice {
    private LtsDrainAdvice() {
    }

    /** Exit of the {@code JobPullMachine} constructor: a TaskTracker is starting in this JVM. */
    public static class TrackerStarting {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit() {
            TrackerWork.trackerStarted();
        }
    }

    /** {@code JobPullMachine.sendRequest()}: no pull while offline. */
    public static class NoPullWhileOffline {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        public static boolean enter() {
            return TrackerWork.offline();
        }
    }

    /** Exit of {@code JobRunnerDelegate.isStopToGetNewJob()}: a finished job asks for no next one while offline. */
    public static class NoNextJobWhileOffline {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return(readOnly = false) boolean stop) {
            if (TrackerWork.offline()) {
                stop = true;
            }
        }
    }

    /**
     * {@code JobPushProcessor.processRequest(channel, request)}: a push that arrives while offline (answering a pull sent
     * just before) is refused as LTS refuses one when no runner is free ({@code NO_AVAILABLE_JOB_RUNNER} with every job
     * id), so the JobTracker puts the jobs back in the queue for another TaskTracker.
     */
    public static class RefusePushWhileOffline {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        public static boolean enter() {
            return TrackerWork.offline();
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Enter boolean refused, @Advice.Argument(1) Object request,
                                @Advice.Return(readOnly = false) RemotingCommand response) {
            if (!refused || !(request instanceof RemotingCommand)) {
                return;
            }
            Object body = ((RemotingCommand) request).getBody();
            List<String> ids = new ArrayList<String>();
            if (body instanceof JobPushRequest && ((JobPushRequest) body).getJobMetaList() != null) {
                for (JobMeta m : ((JobPushRequest) body).getJobMetaList()) {
                    ids.add(m.getJobId());
                }
            }
            JobPushResponse answer = new JobPushResponse();
            answer.setFailedJobIds(ids);
            TrackerWork.refused(ids.size());
            response = RemotingCommand.createResponseCommand(
                    JobProtos.ResponseCode.NO_AVAILABLE_JOB_RUNNER.code(), answer);
        }
    }
}
