package io.graylane.e2e.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.TestkitExtension;
import io.graylane.testkit.ZooKeeperServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed incident as a test (issue 12 item 3), JDK 17, every node with the agent: a cron "deposit" job fires every
 * second, adds 100 to an account row in MariaDB and logs its trigger time, in one transaction. A baseline and a gray
 * TaskTracker share the node group. During at least 60 fires the job is assigned to lane gray by the rule document
 * (it then runs on the gray TaskTracker), the gray TaskTracker is restarted once, and the job is assigned back to
 * baseline. The balance is fires × 100 exactly, no trigger time was booked twice and none between the first and the
 * last was skipped.
 *
 * <p>The job is submitted with {@code relyOnPrevCycle=false}, so that every cron second is a fire of its own: with
 * LTS's default ({@code true}) LTS computes the next fire when the previous one completes and itself skips a second
 * whenever a fire starts late (seen here on a single baseline TaskTracker, no lanes involved).
 *
 * <p>Prints, and writes to {@code target/lts-cron.txt}, {@code lts-cron fires=<n> runs=<n> doubled=<n> missed=<n>
 * balance-ok=<bool>} ({@code bench/lts-cron.sh}).
 */
@ExtendWith(TestkitExtension.class)
class LtsCronExactlyOnceTest {
    private static final Duration T = Duration.ofSeconds(120);
    private static final int MIN_FIRES = 60;
    private static final String NO_JOBS = "{\"version\": \"1\"}";
    private static final String DEPOSIT_GRAY = "{\"version\": \"2\", \"jobs\": {\"deposit\": \"gray\"}}";

    @Test
    void everyDepositFireRunsOnceAcrossALaneSwitchAGrayRestartAndTheSwitchBack(ZooKeeperServer zk, MariaDbServer db)
            throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path rules = Files.createTempFile(AppProcess.work(), "rules-", ".json");
        Files.writeString(rules, NO_JOBS);
        try (LtsCluster lts = new LtsCluster(zk, db)) {
            String group = "tt_" + lts.name;
            String app = lts.appDatabase(
                    "CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL)",
                    "INSERT INTO account VALUES (1, 0)",
                    "CREATE TABLE fire_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, task_id VARCHAR(64) NOT NULL,"
                            + " trigger_time BIGINT NOT NULL, tracker VARCHAR(128) NOT NULL)");
            AppProcess tracker = lts.jobTracker(jdk, "", List.of("-Dgraylane.rules.file=" + rules,
                    "-Dgraylane.rules.file.pollMillis=200"));
            AppProcess base = lts.taskTracker("tt-base", jdk, "", group, app);
            AppProcess gray = lts.taskTracker("tt-gray", jdk, "gray", group, app);
            AppProcess client = lts.jobClient(jdk, "", List.of());
            tracker.await("gray TaskTracker known", T, l -> l.contains("lts: TaskTracker tt-gray-")
                    && l.contains("pulls in lane gray"));

            client.send("cron deposit " + group + " - each");
            client.awaitTag("SUBMITTED deposit true", T);
            awaitRuns(base, "deposit", 8);

            // the job to lane gray: its next fires run on the gray TaskTracker
            Files.writeString(rules, DEPOSIT_GRAY);
            tracker.await("rules applied", T, l -> l.contains("lts: scheduled jobs in lanes {deposit=gray}"));
            assertEquals(0, runs(gray, "deposit"), "a fire ran on gray before the job was assigned to gray");
            int baseAtSwitch = runs(base, "deposit");
            awaitRuns(gray, "deposit", 8);
            // at most the fire handed out while the document changed ran on baseline after the switch
            assertTrue(runs(base, "deposit") - baseAtSwitch <= 1, "fires on baseline while assigned to gray: "
                    + (runs(base, "deposit") - baseAtSwitch));

            // the gray TaskTracker restarts: baseline runs the fires while it is away, then it takes them back
            gray.stop(Duration.ofSeconds(30));
            tracker.await("gray gone", T, l -> l.contains("lts: TaskTracker tt-gray-") && l.contains("left (lane gray)"));
            int baseBefore = runs(base, "deposit");
            awaitRuns(base, "deposit", baseBefore + 3);
            AppProcess gray2 = lts.taskTracker("tt-gray", jdk, "gray", group, app);
            awaitRuns(gray2, "deposit", 8);

            // and back to baseline
            Files.writeString(rules, NO_JOBS);
            tracker.await("rules applied", T, l -> l.contains("lts: scheduled jobs in lanes none"));
            int grayAtSwitchBack = runs(gray2, "deposit");
            int baseNow = runs(base, "deposit");
            awaitRuns(base, "deposit", Math.max(baseNow + 8,
                    baseNow + MIN_FIRES - runs(base, "deposit") - runs(gray, "deposit") - runs(gray2, "deposit")));
            assertTrue(runs(gray2, "deposit") - grayAtSwitchBack <= 1, "fires on gray after the switch back: "
                    + (runs(gray2, "deposit") - grayAtSwitchBack));
            // every fire due up to the last one booked so far: booked once (awaited: a fire may still be running)
            long cutoff = Long.parseLong(lts.query("SELECT MAX(trigger_time) FROM `" + app + "`.fire_log"));
            long[] s = stats(lts, app, cutoff);
            long deadline = System.nanoTime() + T.toNanos();
            while (s[3] != s[2] && System.nanoTime() < deadline) {
                Thread.sleep(200);
                s = stats(lts, app, cutoff);
            }
            long balance = s[0];
            long runs = s[1];
            long fires = s[2];
            long doubled = runs - fires;
            long missed = s[3] - fires;
            long allRuns = s[4];
            int onGray = runs(gray, "deposit") + runs(gray2, "deposit");
            String summary = String.format("lts-cron fires=%d runs=%d doubled=%d missed=%d balance-ok=%s", fires, runs,
                    doubled, missed, balance == allRuns * 100);
            System.out.println(summary);
            Files.writeString(AppProcess.work().getParent().resolve("lts-cron.txt"), summary + "\n");
            String log = lts.query("SELECT trigger_time, tracker FROM `" + app + "`.fire_log ORDER BY id");
            assertTrue(fires >= MIN_FIRES, "fires " + fires);
            assertEquals(0, doubled, "fires booked twice\n" + log);
            assertEquals(0, missed, "fires skipped\n" + log);
            assertEquals(allRuns * 100, balance, "balance\n" + log);
            assertTrue(onGray >= 16, "runs on gray " + onGray);
            System.out.printf("%d fires, %d on the gray TaskTrackers, the rest on baseline%n", fires, onGray);
        }
    }

    /**
     * One statement, so one consistent read: {balance, fires logged up to {@code cutoff}, distinct trigger times up to
     * it, seconds from the first fire to it, every fire logged}.
     */
    private static long[] stats(LtsCluster lts, String app, long cutoff) {
        String t = "`" + app + "`.fire_log";
        String[] row = lts.query("SELECT (SELECT balance FROM `" + app + "`.account WHERE id = 1),"
                + " (SELECT COUNT(*) FROM " + t + " WHERE trigger_time <= " + cutoff + "),"
                + " (SELECT COUNT(DISTINCT trigger_time) FROM " + t + " WHERE trigger_time <= " + cutoff + "),"
                + " (SELECT (" + cutoff + " - MIN(trigger_time)) DIV 1000 + 1 FROM " + t + "),"
                + " (SELECT COUNT(*) FROM " + t + ")").split("\\s+");
        long[] v = new long[row.length];
        for (int i = 0; i < row.length; i++) {
            v[i] = Long.parseLong(row[i]);
        }
        return v;
    }

    private static void awaitRuns(AppProcess tt, String taskId, int n) {
        tt.await(n + " runs of " + taskId, T, l -> runs(tt, taskId) >= n);
    }

    private static int runs(AppProcess tt, String taskId) {
        return (int) tt.lines().stream().filter(l -> l.startsWith("RAN " + taskId)).count();
    }
}
