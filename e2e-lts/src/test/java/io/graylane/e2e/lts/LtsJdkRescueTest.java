package io.graylane.e2e.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.TestkitExtension;
import io.graylane.testkit.ZooKeeperServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LTS 1.7.0 on JDK 17 (and Temurin 25 when installed): the same TaskTracker application runs no job without the
 * agent and runs them with it; a JobTracker without the agent never answers a submit, with it accepts and completes
 * jobs. Every LTS node runs on the JDK under test.
 */
@ExtendWith(TestkitExtension.class)
class LtsJdkRescueTest {
    private static final Duration T = Duration.ofSeconds(90);
    /** Bounded wait for something that must NOT happen without the agent (LTS pulls jobs every second). */
    private static final Duration NEVER = Duration.ofSeconds(20);
    private static final String ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** What LTS's JobTracker logs when it re-queues a job its TaskTracker no longer runs. */
    private static final String DEAD = "checkAndFix dead job";

    static Stream<Path> jdks() {
        Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        return Files.isExecutable(temurin25.resolve("bin/java"))
                ? Stream.of(Path.of(System.getProperty("java.home")), temurin25)
                : Stream.of(Path.of(System.getProperty("java.home")));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void sameTaskTrackerRunsNoJobWithoutTheAgentAndRunsJobsWithIt(Path jdk, ZooKeeperServer zk, MariaDbServer db)
            throws Exception {
        long t0 = System.nanoTime();
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess tracker = lts.jobTracker(jdk, "");
            AppProcess client = lts.jobClient(jdk, "", List.of());
            long clusterUp = System.nanoTime();

            // without the agent: the job is dispatched to the TaskTracker, fails there, and never completes
            AppProcess bare = lts.taskTracker("tt-bare", jdk, null, List.of(), group);
            client.send("submit bare-1 " + group);
            client.awaitTag("SUBMITTED bare-1 true", T);
            requeuedAsDead(tracker, "bare-1");
            assertFalse(appearsWithin(client, "DONE bare-1", NEVER), client.tail(20));
            assertTrue(bare.lines("RAN").isEmpty(), "a job ran without the agent:\n" + bare.tail(20));
            bare.close();

            // the same application with the agent: jobs run and their completion reaches the JobClient
            AppProcess rescued = lts.taskTracker("tt-agent", jdk, "", List.of(), group);
            client.send("submit agent-1 " + group);
            client.awaitTag("DONE agent-1 true", T);
            rescued.awaitTag("RAN agent-1", T);
            assertEquals(0, lts.queued(group, "agent-1"), "agent-1 still queued after its completion");
            assertTrue(tracker.lines().stream().noneMatch(l -> l.contains(DEAD) && l.contains("\"agent-1\"")),
                    "agent-1 was re-queued as dead");
            System.out.printf("jdk %s: cluster up %.1f s, whole test %.1f s%n", jdk.getFileName(),
                    (clusterUp - t0) / 1e9, (System.nanoTime() - t0) / 1e9);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void addOpensAloneDoesNotRescueTheTaskTracker(Path jdk, ZooKeeperServer zk, MariaDbServer db) throws Exception {
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess tracker = lts.jobTracker(jdk, "");
            AppProcess client = lts.jobClient(jdk, "", List.of());
            AppProcess opened = lts.taskTracker("tt-opens", jdk, null, List.of(ADD_OPENS), group);
            client.send("submit opens-1 " + group);
            client.awaitTag("SUBMITTED opens-1 true", T);
            requeuedAsDead(tracker, "opens-1");
            assertFalse(appearsWithin(client, "DONE opens-1", NEVER), client.tail(20));
            assertTrue(opened.lines("RAN").isEmpty(), opened.tail(20));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void jobTrackerWithoutTheAgentLeavesSubmitUnansweredAndWithItAcceptsJobs(Path jdk, ZooKeeperServer zk,
                                                                            MariaDbServer db) throws Exception {
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess bareTracker = lts.jobTracker(jdk, null);
            lts.taskTracker("tt-agent", jdk, "", List.of(), group);
            AppProcess client = lts.jobClient(jdk, "", List.of());
            client.send("submit unanswered-1 " + group);
            client.awaitTag("SUBMITTING unanswered-1", T);
            // the JobTracker's JobUtils cannot initialise: the submit request is never answered, and nothing is logged
            assertFalse(appearsWithin(client, "SUBMITTED unanswered-1", NEVER), client.tail(20));
            assertTrue(client.lines("SUBMIT-FAILED").isEmpty(), client.tail(20));
            bareTracker.close();
            client.close(); // its only thread that reads commands is still blocked in that submit

            lts.jobTracker(jdk, "");
            AppProcess rescued = lts.jobClient(jdk, "", List.of());
            rescued.send("submit accepted-1 " + group);
            rescued.awaitTag("SUBMITTED accepted-1 true", T);
            rescued.awaitTag("DONE accepted-1 true", T);
        }
    }

    /**
     * The TaskTracker took the job and it died there without a word (LTS logs nothing): the JobTracker's executing-job
     * checker finds it dead and puts it back in the queue (~25 s after dispatch here).
     */
    private static void requeuedAsDead(AppProcess tracker, String taskId) {
        tracker.await(taskId + " re-queued as a dead job", T,
                l -> l.contains(DEAD) && l.contains("\"taskId\":\"" + taskId + "\""));
    }

    /** Waits up to {@code d} for a line starting with {@code prefix}; false when none came. */
    private static boolean appearsWithin(AppProcess p, String prefix, Duration d) {
        try {
            p.await(prefix, d, l -> l.startsWith(prefix));
            return true;
        } catch (AssertionError timedOut) {
            return false;
        }
    }
}
