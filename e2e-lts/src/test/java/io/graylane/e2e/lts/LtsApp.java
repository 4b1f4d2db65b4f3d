package io.graylane.e2e.lts;

import com.github.ltsopensource.core.domain.Action;
import com.github.ltsopensource.core.domain.Job;
import com.github.ltsopensource.core.domain.JobResult;
import com.github.ltsopensource.jobclient.JobClient;
import com.github.ltsopensource.jobclient.domain.Response;
import com.github.ltsopensource.jobtracker.JobTracker;
import com.github.ltsopensource.tasktracker.Result;
import com.github.ltsopensource.tasktracker.TaskTracker;
import com.github.ltsopensource.tasktracker.runner.JobContext;
import com.github.ltsopensource.tasktracker.runner.JobRunner;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * An LTS 1.7.0 node in its own JVM (with or without the agent); knows nothing of graylane. Every line printed for the
 * test starts with a one-word tag.
 *
 * <pre>
 * jobtracker  ZK CLUSTER LISTEN_PORT HTTP_CMD_PORT JDBC_URL   prints "READY jobtracker"
 * tasktracker ZK CLUSTER NODE_GROUP HTTP_CMD_PORT IDENTITY [APP_JDBC_URL]
 *                                                            prints "READY tasktracker", then
 *                                                            "RAN taskId thread lane=L|- trigger=T" per job run; a job
 *                                                            whose task id starts with "deposit" also adds 100 to
 *                                                            account 1 and logs its trigger time in fire_log (one
 *                                                            transaction, APP_JDBC_URL); one whose task id starts
 *                                                            with "slow" prints "START taskId", then takes 15 s; with
 *                                                            "busy" takes 2 s
 * jobclient   ZK CLUSTER NODE_GROUP HTTP_CMD_PORT             stdin "submit|cron TASK_ID TASKTRACKER_GROUP [LANE|-]"
 *                                                            [each] (cron: every second, "each": relyOnPrevCycle
 *                                                            false; LANE: the submitting request's
 *                                                            lane), "cancel TASK_ID GROUP": prints
 *                                                            "SUBMITTED taskId success" (or "SUBMIT-FAILED taskId error"),
 *                                                            later "DONE taskId success msg"
 * </pre>
 * Every node stops when its stdin closes. A system property {@code lts.config.<key>=<value>} becomes the node's LTS
 * config {@code <key>} (e.g. {@code lts.remoting}, {@code zk.client}, the JobTracker's dead-job checker timings);
 * {@code -De2e.lts.runner=<class>} makes a TaskTracker run that {@link JobRunner} instead (its class is initialised
 * before "READY tasktracker").
 */
public final class LtsApp {

    public static void main(String[] a) throws Exception {
        String role = a[0];
        String registry = "zookeeper://" + a[1];
        String cluster = a[2];
        String dataPath = System.getProperty("user.home") + "/lts-data";
        switch (role) {
            case "jobtracker": {
                JobTracker jt = new JobTracker();
                jt.setRegistryAddress(registry);
                jt.setBindIp("127.0.0.1"); // the address registered in ZooKeeper (LTS's Netty server binds 0.0.0.0)
                jt.setClusterName(cluster);
                jt.setListenPort(Integer.parseInt(a[3]));
                jt.setDataPath(dataPath);
                jt.addConfig("lts.http.cmd.port", a[4]);
                jt.addConfig("job.queue", "mysql");
                jt.addConfig("job.logger", "console");
                jt.addConfig("jdbc.url", a[5]);
                jt.addConfig("jdbc.username", "root");
                jt.addConfig("jdbc.password", "");
                ltsConfig(jt::addConfig);
                jt.start();
                out("READY jobtracker");
                awaitStdinClosed();
                stopWithin(jt::stop);
                break;
            }
            case "tasktracker": {
                TaskTracker tt = new TaskTracker();
                tt.setRegistryAddress(registry);
                tt.setBindIp("127.0.0.1"); // the address registered in ZooKeeper (LTS's Netty server binds 0.0.0.0)
                tt.setClusterName(cluster);
                tt.setNodeGroup(a[3]);
                tt.setIdentity(a[5]);
                tt.setDataPath(dataPath);
                tt.addConfig("lts.http.cmd.port", a[4]);
                tt.addConfig("job.pull.frequency", "1");
                tt.setWorkThreads(4);
                String runner = System.getProperty("e2e.lts.runner");
                Class<? extends JobRunner> runnerClass = runner == null ? PrintingRunner.class
                        : Class.forName(runner, true, LtsApp.class.getClassLoader()).asSubclass(JobRunner.class);
                tt.setJobRunnerClass(runnerClass);
                ltsConfig(tt::addConfig);
                PrintingRunner.appJdbcUrl = a.length > 6 ? a[6] : null;
                PrintingRunner.identity = a[5];
                tt.start();
                out("READY tasktracker");
                awaitStdinClosed();
                stopWithin(tt::stop);
                break;
            }
            default: {
                JobClient<?, ?> jc = new JobClient<>();
                jc.setRegistryAddress(registry);
                jc.setBindIp("127.0.0.1"); // the address registered in ZooKeeper (LTS's Netty server binds 0.0.0.0)
                jc.setClusterName(cluster);
                jc.setNodeGroup(a[3]);
                jc.setDataPath(dataPath);
                jc.addConfig("lts.http.cmd.port", a[4]);
                ltsConfig(jc::addConfig);
                jc.setJobCompletedHandler(results -> {
                    for (JobResult r : results) {
                        out("DONE " + r.getJob().getTaskId() + " " + r.isSuccess() + " " + oneWord(r.getMsg()));
                    }
                });
                jc.start();
                out("READY jobclient");
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    String[] c = line.trim().split("\\s+");
                    if (c.length >= 3 && ("submit".equals(c[0]) || "cron".equals(c[0]))) {
                        Job job = new Job();
                        job.setTaskId(c[1]);
                        job.setTaskTrackerNodeGroup(c[2]);
                        if ("cron".equals(c[0])) {
                            job.setCronExpression("0/1 * * * * ?");
                            // "each": every cron time is a fire of its own (LTS generates them ahead), not one fire
                            // at a time computed after the previous one completed
                            job.setRelyOnPrevCycle(!(c.length > 4 && "each".equals(c[4])));
                        }
                        job.setNeedFeedback(true);
                        job.setReplaceOnExist(true);
                        job.setParam("submittedBy", "e2e");
                        out("SUBMITTING " + c[1]);
                        // c[3]: the lane of the "request" this submit belongs to (played by setting the lane context)
                        String lane = c.length > 3 && !"-".equals(c[3]) ? c[3] : null;
                        try (LaneContext.Scope s = LaneContext.enter(
                                lane == null ? null : LaneSnapshot.of(lane, LaneSnapshot.ORIGIN_API))) {
                            Response r = jc.submitJob(job);
                            out("SUBMITTED " + c[1] + " " + r.isSuccess() + " " + oneWord(r.getMsg()));
                        } catch (Throwable t) {
                            out("SUBMIT-FAILED " + c[1] + " " + oneWord(String.valueOf(t)));
                        }
                    } else if (c.length == 3 && "cancel".equals(c[0])) {
                        out("CANCELLED " + c[1] + " " + jc.cancelJob(c[1], c[2]).isSuccess());
                    }
                }
                stopWithin(jc::stop);
                break;
            }
        }
        Runtime.getRuntime().halt(0);
    }

    /** The job: prints that it ran, and where. */
    public static final class PrintingRunner implements JobRunner {
        static volatile String appJdbcUrl;
        static volatile String identity;

        @Override
        public Result run(JobContext ctx) throws Exception {
            String lane = LaneContext.currentLane();
            Long trigger = ctx.getJob().getTriggerTime();
            if (ctx.getJob().getTaskId().startsWith("busy")) {
                Thread.sleep(2_000);
            }
            if (ctx.getJob().getTaskId().startsWith("slow")) {
                out("START " + ctx.getJob().getTaskId());
                Thread.sleep(15_000);
            }
            if (ctx.getJob().getTaskId().startsWith("deposit")) {
                deposit(ctx.getJob().getTaskId(), trigger == null ? -1 : trigger);
            }
            out("RAN " + ctx.getJob().getTaskId() + " " + Thread.currentThread().getName().replace(' ', '_')
                    + " lane=" + (lane == null ? "-" : lane) + " trigger=" + trigger);
            return new Result(Action.EXECUTE_SUCCESS, "ran");
        }

        /** The seed incident's job: books a deposit of 100 and logs the fire, in one transaction. */
        private static void deposit(String taskId, long trigger) throws Exception {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(appJdbcUrl, "root", "")) {
                c.setAutoCommit(false);
                try (java.sql.PreparedStatement log = c.prepareStatement(
                        "INSERT INTO fire_log (task_id, trigger_time, tracker) VALUES (?, ?, ?)");
                     java.sql.Statement add = c.createStatement()) {
                    log.setString(1, taskId);
                    log.setLong(2, trigger);
                    log.setString(3, identity);
                    log.executeUpdate();
                    add.executeUpdate("UPDATE account SET balance = balance + 100 WHERE id = 1");
                }
                c.commit();
            }
        }
    }

    /** System properties {@code lts.config.<key>} as the node's LTS config. */
    private static void ltsConfig(java.util.function.BiConsumer<String, String> add) {
        String prefix = "lts.config.";
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                add.accept(k.substring(prefix.length()), System.getProperty(k));
            }
        }
    }

    /** LTS's stop can wait on a registry that is already gone: give it 5 s, then exit anyway. */
    private static void stopWithin(Runnable stop) throws InterruptedException {
        Thread t = new Thread(stop, "lts-stop");
        t.setDaemon(true);
        t.start();
        t.join(5000);
    }

    private static void awaitStdinClosed() throws Exception {
        while (System.in.read() >= 0) {
            // the test closes stdin to stop the node
        }
    }

    private static String oneWord(String s) {
        return s == null ? "-" : s.replaceAll("\\s+", "_");
    }

    static void out(String s) {
        synchronized (System.out) {
            System.out.println(s);
            System.out.flush();
        }
    }

    private LtsApp() {
    }
}
