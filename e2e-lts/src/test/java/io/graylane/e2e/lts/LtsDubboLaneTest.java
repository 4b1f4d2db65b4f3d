package io.graylane.e2e.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.TestkitExtension;
import io.graylane.testkit.ZooKeeperServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job in lane gray calls a Dubbo service that has a gray provider: the gray provider serves it (issue 12, lane
 * context around job execution). Real ZooKeeper is the registry of both LTS and Dubbo 3.3; every node with the agent,
 * JDK 17: a JobTracker, a JobClient, one baseline TaskTracker whose job calls {@code ServedBy} through Dubbo, and two
 * providers of it, one baseline and one of lane gray ({@code -javaagent:...=lane=gray}). Gray and baseline jobs are
 * submitted interleaved in random order (seed printed): each ran exactly once, every gray job with lane context gray
 * and served by the gray provider, every baseline one without a lane and served by the baseline provider. The gray
 * jobs run on the baseline TaskTracker (there is no gray one), so the lane comes from the job, not the node.
 *
 * <p>Also the per-lane LTS metrics, exact (issue 12 item 6): the JobClient's jobs submitted, the TaskTracker's jobs
 * run, the JobTracker's jobs of lane gray handed to baseline. The nodes' rule file names lane gray (its one rule hits
 * no request), so gray is a known lane and its own metric label.
 */
@ExtendWith(TestkitExtension.class)
class LtsDubboLaneTest {
    private static final Duration T = Duration.ofSeconds(120);
    private static final int PER_LANE = 60;
    private static final String RULES = "{\"version\": \"1\", \"lanes\": {\"gray\": {\"whitelist\": "
            + "{\"subject\": \"userId\", \"values\": [\"no-such-user\"]}}}}";
    /** Dubbo 3.3 on ZooKeeper with interface-level registration only (no metadata round trips). */
    private static final List<String> INTERFACE_LEVEL = List.of("-Ddubbo.application.register-mode=interface",
            "-Ddubbo.application.service-discovery.migration=FORCE_INTERFACE");

    @Test
    void grayJobsAreServedByTheGrayProviderAndBaselineJobsNeverAre(ZooKeeperServer zk, MariaDbServer db)
            throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path rules = Files.createTempFile(AppProcess.work(), "rules-", ".json");
        Files.writeString(rules, RULES);
        String registry = "zookeeper://" + zk.connectString();
        long t0 = System.nanoTime();
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess tracker = lts.jobTracker(jdk, "", withAdmin(rules));
            AppProcess client = lts.jobClient(jdk, "", withAdmin(rules));
            lts.dubboProvider("provider-base", jdk, "", INTERFACE_LEVEL, registry);
            lts.dubboProvider("provider-gray", jdk, "gray", INTERFACE_LEVEL, registry);
            List<String> ttArgs = new ArrayList<>(INTERFACE_LEVEL);
            ttArgs.addAll(withAdmin(rules));
            AppProcess tt = lts.taskTrackerWithDubbo("tt-dubbo", jdk, "", ttArgs, group, registry);
            System.out.printf("lts+dubbo: nodes up %.1f s%n", (System.nanoTime() - t0) / 1e9);

            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < PER_LANE; i++) {
                jobs.add("gray-" + i);
                jobs.add("base-" + i);
            }
            long seed = System.nanoTime();
            System.out.println("lts+dubbo: submit order seed " + seed);
            Collections.shuffle(jobs, new Random(seed));
            for (String job : jobs) {
                client.send("submit " + job + " " + group + " " + (job.startsWith("gray-") ? "gray" : "-"));
            }
            for (String job : jobs) {
                client.awaitTag("DONE " + job + " true", T);
            }

            Map<String, Integer> outcomes = new TreeMap<>();
            for (String job : jobs) {
                List<String> ran = tt.lines("RAN " + job);
                assertEquals(1, ran.size(), job + " ran " + ran.size() + " times\n" + tt.tail(20));
                String[] f = ran.get(0).split(" ");
                outcomes.merge((job.startsWith("gray-") ? "gray job" : "baseline job") + " " + f[3] + " " + f[4], 1,
                        Integer::sum);
            }
            System.out.println("lts+dubbo: " + outcomes);
            assertEquals(Map.of("gray job lane=gray served=provider-gray", PER_LANE,
                    "baseline job lane=- served=provider-base", PER_LANE), outcomes);

            // per-lane metrics, exact: every job is complete
            assertEquals(PER_LANE, client.metric("graylane_lts_jobs_submitted_total", "lane=\"gray\""));
            assertEquals(PER_LANE, client.metric("graylane_lts_jobs_submitted_total", "lane=\"baseline\""));
            assertEquals(PER_LANE, tt.metric("graylane_lts_jobs_run_total", "lane=\"gray\""));
            assertEquals(PER_LANE, tt.metric("graylane_lts_jobs_run_total", "lane=\"baseline\""));
            assertEquals(0, tt.metric("graylane_lts_cron_fires_run_total", ""));
            assertEquals(PER_LANE, tracker.metric("graylane_lts_jobs_fallback_total", "lane=\"gray\""));
            assertEquals(PER_LANE, tracker.metric("graylane_lts_jobs_fallback_total", ""));
            System.out.printf("lts+dubbo: %d gray jobs on the gray provider, %d baseline on baseline, %.1f s%n",
                    PER_LANE, PER_LANE, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static List<String> withAdmin(Path rules) {
        return List.of("-Dgraylane.admin.port=" + Ports.free(), "-Dgraylane.rules.file=" + rules);
    }
}
