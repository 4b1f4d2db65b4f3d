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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TaskTracker's drain (issue 12 item 5), JDK 17, every node with the agent: a 15 s job runs on TaskTracker A; A
 * goes offline through the node lifecycle ({@code POST /node/offline} on its admin endpoint). The running job finishes
 * on A exactly once and is never re-queued as dead (A keeps its connection); jobs submitted while A is offline (2 s
 * each, more than B's 4 threads run at once, so A with 3 free threads would take some) all run on TaskTracker B; A's
 * {@code /status} shows it offline with one job running. Then the node restart of a release (issue 14, "Job node
 * restart"): A is awaited drained through the lifecycle ({@code GET /node}), killed (SIGKILL) at once, started again and
 * put online ({@code POST /node/online}): the 15 s job ran once and completed once, is no longer queued, no job was
 * re-queued as dead, and a job submitted afterwards runs once. Writes {@code target/job-restart.txt}
 * ({@code ... jobs-doubled=<n>}, read by {@code bench/rolling-restart.sh}).
 */
@ExtendWith(TestkitExtension.class)
class LtsDrainTest {
    private static final Duration T = Duration.ofSeconds(120);
    private static final String TOKEN = "lts-drain-test-token";
    private static final int NEW_JOBS = 10;

    @Test
    void drainedTaskTrackerFinishesItsJobOnceTakesNoNewJobAndRestartsWithoutADoubleRun(ZooKeeperServer zk,
                                                                                      MariaDbServer db)
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
            // the node restart of a release: A awaited drained through the lifecycle (GET /node), then killed at once
            String drained = awaitDrained(http, adminPort);
            String drainedStatus = send(http, adminPort, "GET", "/status");
            a.kill();
            for (int i = 0; i < NEW_JOBS; i++) {
                client.awaitTag("DONE busy-" + i + " true", T);
            }
            assertTrue(a.lines().stream().noneMatch(l -> l.startsWith("RAN busy-")), "A ran a job while offline\n"
                    + a.tail(30));
            for (int i = 0; i < NEW_JOBS; i++) {
                assertEquals(1, b.lines("RAN busy-" + i).size(), "busy-" + i + " on B\n" + b.tail(30));
            }
            client.awaitTag("DONE slow-1 true", T);
            // started again (LTS gives a TaskTracker a new identity per start unless one is configured) and online
            int restartedPort = Ports.free();
            AppProcess a2 = lts.taskTracker("tt-a-restarted", jdk, "", List.of("-Dgraylane.admin.port="
                    + restartedPort, "-Dgraylane.admin.token=" + TOKEN), group);
            String online = send(http, restartedPort, "POST", "/node/online");
            client.send("submit after-1 " + group + " -");
            client.awaitTag("DONE after-1 true", T);

            List<AppProcess> trackers = List.of(a, b, a2);
            List<String> jobs = new ArrayList<>(List.of("slow-1", "after-1"));
            for (int i = 0; i < NEW_JOBS; i++) {
                jobs.add("busy-" + i);
            }
            int doubled = 0;
            for (String job : jobs) {
                // a run killed before its end printed START (slow jobs) but no RAN
                int runs = trackers.stream().mapToInt(t -> Math.max(t.lines("RAN " + job).size(), started(t, job)))
                        .sum();
                doubled += runs > 1 || client.lines("DONE " + job).size() > 1 ? 1 : 0;
            }
            long dead = tracker.lines().stream().filter(l -> l.contains("checkAndFix dead job")).count();
            Path result = AppProcess.work().getParent().resolve("job-restart.txt");
            Files.writeString(result, "job-restart jobs=" + jobs.size() + " dead-requeued=" + dead + " jobs-doubled="
                    + doubled + "\n");

            assertEquals(1, a.lines("RAN slow-1").size(), a.tail(20));
            assertEquals(1, started(a, "slow-1"), a.tail(20));
            assertEquals(0, started(b, "slow-1") + started(a2, "slow-1"), b.tail(20) + a2.tail(20));
            assertEquals(1, client.lines("DONE slow-1").size(), client.tail(20));
            assertEquals(0, lts.queued(group, "slow-1"), "slow-1 still queued after its completion");
            assertEquals(1, b.lines("RAN after-1").size() + a2.lines("RAN after-1").size(), b.tail(20) + a2.tail(20));
            assertEquals(0, a.lines("RAN after-1").size());
            assertTrue(a.lines().stream().noneMatch(l -> l.startsWith("RAN busy-")), "A ran a job while offline\n"
                    + a.tail(30));
            assertEquals(0, dead, "a job was re-queued as dead");
            assertEquals(0, doubled, "a job ran twice");
            assertTrue(status.contains("\"ltsTaskTracker\":\"offline, 1 running"), status + "\n" + offline);
            assertTrue(drained.contains("\"state\":\"drained\""), drained);
            assertTrue(drainedStatus.contains("\"ltsTaskTracker\":\"drained, 0 running"), drainedStatus);
            assertTrue(online.contains("online"), online);
            System.out.println(Files.readString(result).trim());
            System.out.printf("slow job finished once on the offline TaskTracker; %d new jobs on the other%n", NEW_JOBS);
        }
    }

    /** How many times {@code job} (a "slow" one) printed {@code START <job>} (a line of its own) on {@code t}. */
    private static int started(AppProcess t, String job) {
        return (int) t.lines().stream().filter(l -> l.equals("START " + job)).count();
    }

    /** Polls {@code GET /node} until the node reports itself drained; its answer then. */
    private static String awaitDrained(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        String node = send(http, port, "GET", "/node");
        while (!node.contains("\"drained\":true")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not drained within " + T + ": " + node);
            }
            Thread.sleep(100);
            node = send(http, port, "GET", "/node");
        }
        return node;
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
