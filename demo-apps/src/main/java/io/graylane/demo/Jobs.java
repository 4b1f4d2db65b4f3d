package io.graylane.demo;

import com.github.ltsopensource.core.domain.Job;
import com.github.ltsopensource.core.domain.Action;
import com.github.ltsopensource.jobclient.JobClient;
import com.github.ltsopensource.jobclient.domain.Response;
import com.github.ltsopensource.tasktracker.Result;
import com.github.ltsopensource.tasktracker.TaskTracker;
import com.github.ltsopensource.tasktracker.runner.JobContext;
import com.github.ltsopensource.tasktracker.runner.JobRunner;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's job leg, plain LTS 1.7.0 with nothing graylane-specific: A submits a realtime "settle" job for every order
 * to the TaskTrackers of node group {@value #SETTLE_GROUP} (run by C-base and C-gray), and A-base submits the cron job
 * {@value #TICK} (every second). Each run leaves a trail file: {@code <requestId>.job-<instance>} holding
 * {@code C-gray[gray]}, or {@code tick-<triggerTime>.<instance>.<nanos>} for a cron fire. Every node uses LTS's MINA
 * remoting and its own JSON so that no Netty 4.0 or old fastjson sits next to Dubbo's and RocketMQ's.
 */
final class Jobs {
    static final String SETTLE_GROUP = "demo_settle";
    static final String TICK = "demo-tick";

    private Jobs() {
    }

    /** {@code zookeeper://host:port}, the cluster name and this node's data directory. */
    record Cluster(String zk, String name, Path dataDir) {
        String registry() {
            return "zookeeper://" + zk;
        }
    }

    static void common(com.github.ltsopensource.core.cluster.AbstractJobNode<?, ?> node, Cluster c,
                               int httpCmdPort) {
        node.setRegistryAddress(c.registry());
        node.setClusterName(c.name());
        node.setBindIp("127.0.0.1"); // the address registered in ZooKeeper
        node.setDataPath(c.dataDir().toString());
        node.addConfig("lts.remoting", "mina");
        node.addConfig("lts.json", "ltsjson");
        node.addConfig("zk.client", "zkclient");
        node.addConfig("job.fail.store", "ltsdb");
        node.addConfig("lts.http.cmd.port", String.valueOf(httpCmdPort));
    }

    static JobClient<?, ?> client(Cluster c, int httpCmdPort) {
        JobClient<?, ?> jc = new JobClient<>();
        common(jc, c, httpCmdPort);
        jc.setNodeGroup("demo_orders");
        jc.start();
        return jc;
    }

    static TaskTracker taskTracker(Cluster c, int httpCmdPort, String instance, Path trails) {
        TaskTracker tt = new TaskTracker();
        common(tt, c, httpCmdPort);
        tt.setNodeGroup(SETTLE_GROUP);
        tt.setIdentity(instance);
        tt.addConfig("job.pull.frequency", "1");
        tt.setWorkThreads(4);
        SettleRunner.instance = instance;
        SettleRunner.trails = trails;
        tt.setJobRunnerClass(SettleRunner.class);
        tt.start();
        return tt;
    }

    /** The realtime job of an order; submitted on the thread that serves the order. */
    static void submitSettle(JobClient<?, ?> jc, String requestId) {
        Job job = new Job();
        job.setTaskId("settle-" + requestId);
        job.setTaskTrackerNodeGroup(SETTLE_GROUP);
        job.setParam("requestId", requestId);
        job.setReplaceOnExist(true);
        Response r = jc.submitJob(job);
        if (!r.isSuccess()) {
            throw new IllegalStateException("settle job for " + requestId + " refused: " + r.getMsg());
        }
    }

    /** The cron job: every second, each cron time a fire of its own. */
    static void submitTick(JobClient<?, ?> jc) {
        Job job = new Job();
        job.setTaskId(TICK);
        job.setTaskTrackerNodeGroup(SETTLE_GROUP);
        job.setCronExpression("0/1 * * * * ?");
        job.setRelyOnPrevCycle(false);
        job.setReplaceOnExist(true);
        Response r = jc.submitJob(job);
        if (!r.isSuccess()) {
            throw new IllegalStateException("cron job refused: " + r.getMsg());
        }
    }

    /** Leaves a trail file per run (written to a temporary name first, then moved into place). */
    public static final class SettleRunner implements JobRunner {
        static volatile String instance;
        static volatile Path trails;

        @Override
        public Result run(JobContext ctx) throws Exception {
            Job job = ctx.getJob();
            String name = TICK.equals(job.getTaskId())
                    ? "tick-" + job.getTriggerTime() + "." + instance + "." + System.nanoTime()
                    : job.getParam("requestId") + ".job-" + instance;
            Path tmp = trails.resolve(name + ".tmp-" + instance);
            Files.writeString(tmp, Trail.self(instance) + "\n");
            Files.move(tmp, trails.resolve(name));
            return new Result(Action.EXECUTE_SUCCESS, "ok");
        }
    }
}
