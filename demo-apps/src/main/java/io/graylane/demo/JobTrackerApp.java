package io.graylane.demo;

import com.github.ltsopensource.jobtracker.JobTracker;

import java.nio.file.Paths;

/**
 * The demo's LTS JobTracker (job queue in MariaDB):
 * {@code JobTrackerApp <zk host:port> <cluster> <listenPort> <httpCmdPort> <jdbcUrl> <dataDir>}. Prints
 * {@code READY jobtracker} when started; stops when its standard input closes.
 */
public final class JobTrackerApp {
    private JobTrackerApp() {
    }

    public static void main(String[] a) throws Exception {
        JobTracker jt = new JobTracker();
        Jobs.common(jt, new Jobs.Cluster(a[0], a[1], Paths.get(a[5])), Integer.parseInt(a[3]));
        jt.setListenPort(Integer.parseInt(a[2]));
        jt.addConfig("job.queue", "mysql");
        jt.addConfig("job.logger", "console");
        jt.addConfig("jdbc.url", a[4]);
        jt.addConfig("jdbc.username", "root");
        jt.addConfig("jdbc.password", "");
        jt.start();
        System.out.println("READY jobtracker");
        System.out.flush();
        while (System.in.read() >= 0) {
            // stop when the runner goes away (its end of our stdin closes)
        }
        Runtime.getRuntime().halt(0);
    }
}
