package io.graylane.e2e.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.TestkitExtension;
import io.graylane.testkit.ZooKeeperServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TaskTracker's drain (issue 12 item 5), JDK 17, every node with the agent: a 15 s job runs on TaskTracker A; A
 * goes offline through the node lifecycle ({@code POST /node/offline} on its admin endpoint). The running job finishes
 * on A exactly once and is never re-queued as dead (A keeps its connection); jobs submitted while A is offline (2 s
 * each, more than B's 4 threads run at once, so A with 3 free threads would take some) all run on TaskTracker B; A's {@code /status} shows it offline with one job running, then drained.
 */
@ExtendWith(TestkitExtension.class)
class LtsDrainTest {
    private static final Duration T = Duration.ofSeconds(120);
    private static final String TOKEN = "lts-drain-test-token";
    private static final int NEW_JOBS = 10;

    @Test
    void aRunningJobFinishesOnceOnAnOfflineTaskTrackerAndNewJobsGoToTheOther(ZooKeeperServer zk, MariaDbServer db)
            throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        int adminPort = Ports.free();
        HttpClient http = HttpClient.newHttpClient();
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess tracker = lts.jobTracker(jdk, "");
            AppProcess a = lts.taskTracker("tt-a", jdk, "", List.of("-Dgraylane.admin.port=" + adminPort,
                    "-Dgraylane.admin.token=" + TOKEN), group);
            AppProcess client = lts.jobClient(jdk, "", List.of());
            client.send("submit slow-1 " + group + " -");
            a.awaitTag("START slow-1", T);
            AppProcess b = lts.taskTracker("tt-b", jdk, "", List.of(), group);

            String offline = send(http, adminPort, "POST", "/node/offline");
            String status = send(http, adminPort, "GET", "/status");
            for (int i = 0; i < NEW_JOBS; i++) {
                client.send("submit busy-" + i + " " + group + " -");
            }
            for (int i = 0; i < NEW_JOBS; i++) {
                client.awaitTag("DONE busy-" + i + " true", T);
            }
            assertTrue(a.lines().stream().noneMatch(l -> l.startsWith("RAN busy-")), "A ran a job while offline\n"
                    + a.tail(30));
            for (int i = 0; i < NEW_JOBS; i++) {
                assertEquals(1, b.lines("RAN busy-" + i).size(), "busy-" + i + " on B\n" + b.tail(30));
            }
            client.awaitTag("DONE slow-1 true", T);
            assertEquals(1, a.lines("RAN slow-1").size(), a.tail(20));
            assertEquals(0, b.lines("RAN slow-1").size(), b.tail(20));
            assertTrue(a.lines().stream().noneMatch(l -> l.startsWith("RAN busy-")), "A ran a job while offline\n"
                    + a.tail(30));
            assertTrue(tracker.lines().stream().noneMatch(l -> l.contains("checkAndFix dead job")),
                    "a job was re-queued as dead");
            assertTrue(status.contains("\"ltsTaskTracker\":\"offline, 1 running"), status + "\n" + offline);
            String drained = send(http, adminPort, "GET", "/status");
            assertTrue(drained.contains("\"ltsTaskTracker\":\"drained, 0 running"), drained);
            System.out.printf("slow job finished once on the offline TaskTracker; %d new jobs on the other%n", NEW_JOBS);
        }
    }

    private static String send(HttpClient http, int port, String method, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), method + " " + path + ": " + resp.body());
        return resp.body();
    }
}
