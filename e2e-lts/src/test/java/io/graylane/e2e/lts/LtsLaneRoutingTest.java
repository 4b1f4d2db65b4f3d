package io.graylane.e2e.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.TestkitExtension;
import io.graylane.testkit.ZooKeeperServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lane routing of submitted jobs (issue 12 item 2), JDK 17, every node with the agent, one JobTracker and one cluster:
 * a baseline and a gray TaskTracker in the same node group. Jobs submitted from gray requests run on the gray
 * TaskTracker, jobs submitted on baseline never do (exact counts, each job once); once the gray TaskTracker has
 * stopped, gray jobs run on the baseline TaskTracker, still with lane context gray.
 */
@ExtendWith(TestkitExtension.class)
class LtsLaneRoutingTest {
    private static final Duration T = Duration.ofSeconds(180);
    private static final int EACH = 210;
    private static final int AFTER = 20;

    @Test
    void grayJobsRunOnTheGrayTaskTrackerBaselineJobsNeverDoAndGrayFallsBackWhenItStops(ZooKeeperServer zk,
                                                                                         MariaDbServer db)
            throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess tracker = lts.jobTracker(jdk, "");
            AppProcess base = lts.taskTracker("tt-base", jdk, "", List.of(), group);
            AppProcess gray = lts.taskTracker("tt-gray", jdk, "gray", List.of(), group);
            AppProcess client = lts.jobClient(jdk, "", List.of());
            // a lane's TaskTracker counts as alive from its first pull (every second)
            tracker.await("gray TaskTracker known", T, l -> l.contains("lts: TaskTracker tt-gray-")
                    && l.contains("pulls in lane gray"));

            List<String> submits = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                submits.add("submit g-" + i + " " + group + " gray");
                submits.add("submit b-" + i + " " + group + " -");
            }
            long seed = System.nanoTime();
            Collections.shuffle(submits, new Random(seed));
            submits.forEach(client::send);
            for (int i = 0; i < EACH; i++) {
                client.awaitTag("DONE g-" + i + " true", T);
                client.awaitTag("DONE b-" + i + " true", T);
            }
            Map<String, List<String>> ranOnGray = ran(gray);
            Map<String, List<String>> ranOnBase = ran(base);
            String where = "seed " + seed + "\n--- gray ---\n" + gray.tail(20) + "\n--- base ---\n" + base.tail(20);
            assertEquals(EACH, ranOnGray.size(), "jobs run on the gray TaskTracker; " + where);
            assertEquals(EACH, ranOnBase.size(), "jobs run on the baseline TaskTracker; " + where);
            for (int i = 0; i < EACH; i++) {
                assertEquals(List.of("lane=gray"), ranOnGray.get("g-" + i), "g-" + i + " on gray; " + where);
                assertEquals(List.of("lane=-"), ranOnBase.get("b-" + i), "b-" + i + " on baseline; " + where);
            }

            gray.stop(Duration.ofSeconds(30));
            tracker.await("gray TaskTracker gone", T, l -> l.contains("lts: TaskTracker tt-gray-")
                    && l.contains("left (lane gray)"));
            for (int i = 0; i < AFTER; i++) {
                client.send("submit late-g-" + i + " " + group + " gray");
            }
            for (int i = 0; i < AFTER; i++) {
                client.awaitTag("DONE late-g-" + i + " true", T);
            }
            Map<String, List<String>> late = ran(base);
            for (int i = 0; i < AFTER; i++) {
                assertEquals(List.of("lane=gray"), late.get("late-g-" + i), "late-g-" + i + " on baseline\n"
                        + base.tail(20));
            }
            System.out.printf("%d gray jobs on the gray TaskTracker, %d baseline jobs on baseline (seed %d); "
                    + "%d gray jobs on baseline after the gray TaskTracker stopped%n", EACH, EACH, seed, AFTER);
        }
    }

    /** taskId → the lanes it ran with on {@code tt}, one entry per run. */
    private static Map<String, List<String>> ran(AppProcess tt) {
        return tt.lines("RAN").stream().map(l -> l.split(" "))
                .collect(Collectors.groupingBy(p -> p[1], TreeMap::new,
                        Collectors.mapping(p -> p[3], Collectors.toList())));
    }
}
