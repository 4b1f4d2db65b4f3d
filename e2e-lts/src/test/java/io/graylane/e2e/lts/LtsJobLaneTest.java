package io.graylane.e2e.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.TestkitExtension;
import io.graylane.testkit.ZooKeeperServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lane context around job execution (issue 12 item 4), on JDK 17, every node with the agent: a realtime job submitted
 * while the submitting thread is in lane gray runs with gray as its lane context; one submitted on baseline runs on
 * baseline, also on a worker thread that ran a gray job before; a cron job submitted in a gray request is not tagged
 * and every fire runs on baseline. The LTS per-lane metrics (issue 12 item 6) on each node's {@code /metrics}, exact:
 * jobs submitted per lane (JobClient), jobs run and cron fires run per lane (TaskTracker), gray jobs handed to a
 * baseline TaskTracker (JobTracker; there is no gray TaskTracker here).
 */
@ExtendWith(TestkitExtension.class)
class LtsJobLaneTest {
    private static final Duration T = Duration.ofSeconds(90);
    private static final int EACH = 20;

    /** Names lane gray (its one rule hits no request), so gray is a known lane and its own metric label. */
    private static final String RULES = "{\"version\": \"1\", \"lanes\": {\"gray\": {\"whitelist\": "
            + "{\"subject\": \"userId\", \"values\": [\"no-such-user\"]}}}}";

    @Test
    void jobsRunInTheLaneTheyWereSubmittedInAndCronFiresOnBaseline(ZooKeeperServer zk, MariaDbServer db)
            throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path rules = Files.createTempFile(AppProcess.work(), "rules-", ".json");
        Files.writeString(rules, RULES);
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess tracker = lts.jobTracker(jdk, "", withAdmin(rules));
            AppProcess tt = lts.taskTracker("tt", jdk, "", withAdmin(rules), group);
            AppProcess client = lts.jobClient(jdk, "", withAdmin(rules));
            for (int i = 0; i < EACH; i++) {
                client.send("submit g-" + i + " " + group + " gray");
                client.send("submit b-" + i + " " + group + " -");
            }
            for (int i = 0; i < EACH; i++) {
                client.awaitTag("DONE g-" + i + " true", T);
                client.awaitTag("DONE b-" + i + " true", T);
            }
            Map<String, String> laneOf = tt.lines("RAN").stream().map(l -> l.split(" "))
                    .collect(Collectors.toMap(p -> p[1], p -> p[3], (a, b) -> a + "," + b));
            for (int i = 0; i < EACH; i++) {
                assertEquals("lane=gray", laneOf.get("g-" + i), "g-" + i + "\n" + tt.tail(40));
                assertEquals("lane=-", laneOf.get("b-" + i), "b-" + i + "\n" + tt.tail(40));
            }

            client.send("cron c-1 " + group + " gray");
            client.awaitTag("SUBMITTED c-1 true", T);
            tt.await("three cron fires", T, l -> tt.lines("RAN c-1").size() >= 3);
            client.send("cancel c-1 " + group);
            client.awaitTag("CANCELLED c-1", T);
            // a fire already running when the cancel arrived still completes: await its RAN line before counting
            long cronFires = awaitCronFiresRunEqualsRanLines(tt, "c-1");
            List<String> fires = tt.lines("RAN c-1");
            assertTrue(fires.stream().allMatch(l -> l.contains(" lane=- ")), String.join("\n", fires));

            // per-lane metrics (issue 12 item 6), exact: the cron job was submitted in a gray request but untagged
            assertEquals(EACH, client.metric("graylane_lts_jobs_submitted_total", "lane=\"gray\""));
            assertEquals(EACH + 1, client.metric("graylane_lts_jobs_submitted_total", "lane=\"baseline\""));
            assertEquals(EACH, tt.metric("graylane_lts_jobs_run_total", "lane=\"gray\""));
            assertEquals(EACH + cronFires, tt.metric("graylane_lts_jobs_run_total", "lane=\"baseline\""));
            assertEquals(fires.size(), cronFires);
            assertEquals(0, tt.metric("graylane_lts_cron_fires_run_total", "lane=\"gray\""));
            // no gray TaskTracker: every gray job was handed to the baseline one
            assertEquals(EACH, tracker.metric("graylane_lts_jobs_fallback_total", "lane=\"gray\""));
            assertEquals(EACH, tracker.metric("graylane_lts_jobs_fallback_total", ""));
            System.out.printf("%d gray and %d baseline jobs in their lanes, %d cron fires on baseline%n", EACH, EACH,
                    fires.size());
        }
    }

    private static List<String> withAdmin(Path rules) {
        return List.of("-Dgraylane.admin.port=" + Ports.free(), "-Dgraylane.rules.file=" + rules);
    }

    /**
     * Polls until the TaskTracker's baseline cron-fire counter (counted as a fire starts) equals the fires that printed
     * their RAN line (as they end); the count then. Never equal (a fire counted twice or not at all) fails.
     */
    private static long awaitCronFiresRunEqualsRanLines(AppProcess tt, String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (true) {
            long counted = tt.metric("graylane_lts_cron_fires_run_total", "lane=\"baseline\"");
            int ran = tt.lines("RAN " + taskId).size();
            if (counted == ran) {
                return counted;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cron fires counted " + counted + ", fires run " + ran + "\n" + tt.tail(20));
            }
            Thread.sleep(100);
        }
    }
}
