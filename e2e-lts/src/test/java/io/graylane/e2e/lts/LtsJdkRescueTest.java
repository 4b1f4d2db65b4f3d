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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LTS 1.7.0 on JDK 17 (and Temurin 25 when installed), every LTS node on the JDK under test. Per JDK, two clusters
 * checked at the same time:
 * <ul>
 *   <li>TaskTrackers: a JobTracker with the agent; the TaskTracker application without the agent in one node group
 *   and the same application without the agent but with {@code --add-opens java.base/java.lang} in another; a job is
 *   submitted to each group at once: both are dispatched, die there and are re-queued as dead, neither runs nor
 *   completes. Then the same application with the agent in the first group: its job runs and completes.</li>
 *   <li>JobTracker: one without the agent never answers a submit; one with the agent in the same cluster accepts and
 *   completes a job.</li>
 * </ul>
 */
@ExtendWith(TestkitExtension.class)
class LtsJdkRescueTest {
    private static final Duration T = Duration.ofSeconds(90);
    /**
     * Bounded wait for something that must NOT happen without the agent when no other signal proves the failure (the
     * unanswered submit: the JobTracker logs nothing). LTS pulls jobs every second.
     */
    private static final Duration NEVER = Duration.ofSeconds(20);
    /**
     * Extra bounded wait for a completion that must not come once the JobTracker has already re-queued the job as
     * dead (the failure is proven by then; this only covers a completion racing the re-queue).
     */
    private static final Duration AFTER_DEAD = Duration.ofSeconds(5);
    private static final String ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** What LTS's JobTracker logs when it re-queues a job its TaskTracker no longer runs. */
    private static final String DEAD = "checkAndFix dead job";
    /**
     * LTS's executing-job checker at its fastest (every 5 s, dead after 10 s; defaults 30 s and 20 s): the re-queue
     * that proves a job died comes sooner. The jobs that must run here take far less than 10 s.
     */
    private static final List<String> FAST_DEAD_CHECK = List.of(
            "-Dlts.config.jobtracker.executing.job.fix.check.interval.seconds=5",
            "-Dlts.config.jobtracker.executing.job.fix.deadline.seconds=10");

    static Stream<Path> jdks() {
        Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        return Files.isExecutable(temurin25.resolve("bin/java"))
                ? Stream.of(Path.of(System.getProperty("java.home")), temurin25)
                : Stream.of(Path.of(System.getProperty("java.home")));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void withoutTheAgentLtsRunsNoJobAndWithItRunsThem(Path jdk, ZooKeeperServer zk, MariaDbServer db)
            throws Throwable {
        long t0 = System.nanoTime();
        CompletableFuture<Void> jobTracker = CompletableFuture.runAsync(() -> {
            try {
                jobTrackerWithoutTheAgentLeavesSubmitUnansweredAndWithItAcceptsJobs(jdk, zk, db);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            taskTrackerWithoutTheAgentRunsNoJobEvenWithAddOpensAndWithItRunsJobs(jdk, zk, db);
        } finally {
            try {
                jobTracker.join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
        }
        System.out.printf("jdk %s: LtsJdkRescueTest %.1f s%n", jdk.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    private static void taskTrackerWithoutTheAgentRunsNoJobEvenWithAddOpensAndWithItRunsJobs(
            Path jdk, ZooKeeperServer zk, MariaDbServer db) throws Exception {
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String bareGroup = "tt_bare_" + lts.name;
            String opensGroup = "tt_opens_" + lts.name;
            AppProcess tracker = lts.jobTracker(jdk, "", FAST_DEAD_CHECK);
            AppProcess client = lts.jobClient(jdk, "", List.of());
            AppProcess bare = lts.taskTracker("tt-bare", jdk, null, List.of(), bareGroup);
            AppProcess opened = lts.taskTracker("tt-opens", jdk, null, List.of(ADD_OPENS), opensGroup);

            // without the agent (with or without --add-opens): each job is dispatched to its TaskTracker, fails there,
            // is re-queued as dead and never completes
            client.send("submit bare-1 " + bareGroup);
            client.send("submit opens-1 " + opensGroup);
            client.awaitTag("SUBMITTED bare-1 true", T);
            client.awaitTag("SUBMITTED opens-1 true", T);
            requeuedAsDead(tracker, "bare-1");
            requeuedAsDead(tracker, "opens-1");
            assertFalse(appearsWithin(client, AFTER_DEAD, "DONE bare-1", "DONE opens-1"), client.tail(20));
            assertTrue(bare.lines("RAN").isEmpty(), "a job ran without the agent:\n" + bare.tail(20));
            assertTrue(opened.lines("RAN").isEmpty(), "a job ran with --add-opens alone:\n" + opened.tail(20));
            bare.close();

            // the same application with the agent: jobs run and their completion reaches the JobClient
            AppProcess rescued = lts.taskTracker("tt-agent", jdk, "", List.of(), bareGroup);
            client.send("submit agent-1 " + bareGroup);
            client.awaitTag("DONE agent-1 true", T);
            rescued.awaitTag("RAN agent-1", T);
            assertEquals(0, lts.queued(bareGroup, "agent-1"), "agent-1 still queued after its completion");
            assertTrue(tracker.lines().stream().noneMatch(l -> l.contains(DEAD) && l.contains("\"agent-1\"")),
                    "agent-1 was re-queued as dead");
        }
    }

    private static void jobTrackerWithoutTheAgentLeavesSubmitUnansweredAndWithItAcceptsJobs(
            Path jdk, ZooKeeperServer zk, MariaDbServer db) throws Exception {
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            AppProcess bareTracker = lts.jobTracker(jdk, null);
            lts.taskTracker("tt-agent-jt", jdk, "", List.of(), group);
            AppProcess client = lts.jobClient(jdk, "", List.of());
            client.send("submit unanswered-1 " + group);
            client.awaitTag("SUBMITTING unanswered-1", T);
            // the JobTracker's JobUtils cannot initialise: the submit request is never answered, and nothing is logged
            assertFalse(appearsWithin(client, NEVER, "SUBMITTED unanswered-1"), client.tail(20));
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
     * checker finds it dead and puts it back in the queue.
     */
    private static void requeuedAsDead(AppProcess tracker, String taskId) {
        tracker.await(taskId + " re-queued as a dead job", T,
                l -> l.contains(DEAD) && l.contains("\"taskId\":\"" + taskId + "\""));
    }

    /** Waits up to {@code d} for a line starting with one of {@code prefixes}; false when none came. */
    private static boolean appearsWithin(AppProcess p, Duration d, String... prefixes) {
        try {
            p.await(String.join(" or ", prefixes), d, l -> Stream.of(prefixes).anyMatch(l::startsWith));
            return true;
        } catch (AssertionError timedOut) {
            return false;
        }
    }
}
