package io.graylane.e2e.lts;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.ZooKeeperServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One LTS cluster of this test run: its own cluster name and job-queue database on the shared ZooKeeper and MariaDB;
 * starts nodes as {@link LtsApp} JVMs and stops them all on close.
 */
final class LtsCluster implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(90);

    final String name;
    private final ZooKeeperServer zk;
    private final MariaDbServer db;
    private final String database;
    private final List<AppProcess> nodes = new ArrayList<>();
    private final List<String> appDatabases = new ArrayList<>();

    LtsCluster(ZooKeeperServer zk, MariaDbServer db) {
        this.zk = zk;
        this.db = db;
        this.name = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.database = "lts_" + name;
        db.createDatabase(database);
    }

    /** @param lane null: no agent */
    AppProcess jobTracker(Path jdk, String lane) throws IOException {
        return jobTracker(jdk, lane, List.of());
    }

    AppProcess jobTracker(Path jdk, String lane, List<String> jvmArgs) throws IOException {
        return started(AppProcess.start("jobtracker", jdk, lane, jvmArgs, "jobtracker", zk.connectString(), name,
                String.valueOf(Ports.free()), String.valueOf(Ports.free()),
                db.jdbcUrl(database) + "?useSSL=false&useUnicode=true&characterEncoding=UTF-8"), "READY jobtracker");
    }

    AppProcess taskTracker(String nodeName, Path jdk, String lane, List<String> jvmArgs, String nodeGroup)
            throws IOException {
        return started(AppProcess.start(nodeName, jdk, lane, jvmArgs, "tasktracker", zk.connectString(), name,
                nodeGroup, String.valueOf(Ports.free()), nodeName + "-" + name), "READY tasktracker");
    }

    /**
     * A TaskTracker on Dubbo's side of the class path whose jobs call Dubbo ({@code DubboCallingRunner}, registry
     * {@code dubboRegistry}); LTS runs on its MINA remoting and own ZooKeeper client there ({@link NodeClassPath}).
     */
    AppProcess taskTrackerWithDubbo(String nodeName, Path jdk, String lane, List<String> jvmArgs, String nodeGroup,
                                    String dubboRegistry) throws IOException {
        List<String> args = new ArrayList<>(NodeClassPath.LTS_WITHOUT_NETTY);
        args.add("-De2e.lts.runner=io.graylane.e2e.lts.dubbo.DubboCallingRunner");
        args.add("-De2e.dubbo.registry=" + dubboRegistry);
        args.addAll(jvmArgs);
        return started(AppProcess.startWithDubbo(nodeName, LtsApp.class, jdk, lane, args, "tasktracker",
                zk.connectString(), name, nodeGroup, String.valueOf(Ports.free()), nodeName + "-" + name),
                "READY tasktracker");
    }

    /** A Dubbo 3.3 provider of {@code ServedBy}, stopped with the cluster. */
    AppProcess dubboProvider(String nodeName, Path jdk, String lane, List<String> jvmArgs, String dubboRegistry)
            throws IOException {
        return started(AppProcess.startWithDubbo(nodeName, io.graylane.e2e.lts.dubbo.DubboProviderApp.class, jdk,
                lane, jvmArgs, nodeName, dubboRegistry, String.valueOf(Ports.free())), "READY provider");
    }

    /** A TaskTracker whose deposit jobs book into {@code appDatabase} of the shared MariaDB. */
    AppProcess taskTracker(String nodeName, Path jdk, String lane, String nodeGroup, String appDatabase)
            throws IOException {
        return started(AppProcess.start(nodeName, jdk, lane, List.of(), "tasktracker", zk.connectString(), name,
                nodeGroup, String.valueOf(Ports.free()), nodeName + "-" + name, db.jdbcUrl(appDatabase)
                        + "?useSSL=false"), "READY tasktracker");
    }

    /** A database of the application (dropped on close), next to the job queue. */
    String appDatabase(String... ddl) {
        String app = "app_" + name;
        db.createDatabase(app);
        appDatabases.add(app);
        for (String sql : ddl) {
            db.run("USE `" + app + "`; " + sql);
        }
        return app;
    }

    String query(String sql) {
        return db.run(sql);
    }

    AppProcess jobClient(Path jdk, String lane, List<String> jvmArgs) throws IOException {
        return started(AppProcess.start("jobclient", jdk, lane, jvmArgs, "jobclient", zk.connectString(), name,
                "jc_" + name, String.valueOf(Ports.free())), "READY jobclient");
    }

    /** Rows of the job queue still holding {@code taskId} (executable, executing) for {@code nodeGroup}. */
    int queued(String nodeGroup, String taskId) {
        String rows = db.run("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + database
                + "' AND (table_name = 'lts_wjq_" + nodeGroup + "' OR table_name = 'lts_executing_job_queue')");
        int n = 0;
        for (String table : rows.split("\\s+")) {
            if (!table.isEmpty()) {
                n += Integer.parseInt(db.run("SELECT COUNT(*) FROM `" + database + "`.`" + table
                        + "` WHERE task_id = '" + taskId + "'"));
            }
        }
        return n;
    }

    private AppProcess started(AppProcess p, String readyLine) {
        nodes.add(p);
        p.await(readyLine, START, l -> l.equals(readyLine));
        return p;
    }

    @Override
    public void close() {
        for (AppProcess p : nodes) {
            p.close();
        }
        try {
            db.run("DROP DATABASE IF EXISTS `" + database + "`");
            for (String app : appDatabases) {
                db.run("DROP DATABASE IF EXISTS `" + app + "`");
            }
        } catch (RuntimeException ignored) {
            // the shared server may be stopping
        }
    }
}
