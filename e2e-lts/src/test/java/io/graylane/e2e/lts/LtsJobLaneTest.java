package io.graylane.e2e.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.TestkitExtension;
import io.graylane.testkit.ZooKeeperServer;

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
 * and every fire runs on baseline.
 */
@ExtendWith(TestkitExtension.class)
class LtsJobLaneTest {
    private static final Duration T = Duration.ofSeconds(90);
    private static final int EACH = 20;

    @Test
    void jobsRunInTheLaneTheyWereSubmittedInAndCronFiresOnBaseline(ZooKeeperServer zk, MariaDbServer db)
            throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            lts.jobTracker(jdk, "");
            AppProcess tt = lts.taskTracker("tt", jdk, "", List.of(), group);
            AppProcess client = lts.jobClient(jdk, "", List.of());
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
            List<String> fires = tt.lines("RAN c-1");
            assertTrue(fires.stream().allMatch(l -> l.contains(" lane=- ")), String.join("\n", fires));
            System.out.printf("%d gray and %d baseline jobs in their lanes, %d cron fires on baseline%n", EACH, EACH,
                    fires.size());
        }
    }
}
