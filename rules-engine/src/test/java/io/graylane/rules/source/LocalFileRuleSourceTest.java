package io.graylane.rules.source;

import io.graylane.rules.Attributes;
import io.graylane.rules.RuleHolder;
import io.graylane.rules.RuleLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watched rule file with real files. Where a test drives {@code poll()} itself, the source's own timer is set to
 * an hour so that only the test polls.
 */
class LocalFileRuleSourceTest {
    private static final long NEVER = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    static String doc(String version) {
        return "{\"version\":\"" + version + "\",\"lanes\":{\"gray\":{\"fullGray\":true}}}";
    }

    static final class RecordingLog implements RuleLog {
        final List<String> lines = Collections.synchronizedList(new ArrayList<String>());

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        long count(String prefix) {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith(prefix)).count();
            }
        }
    }

    private static void write(Path f, String text) throws Exception {
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An Error thrown while a document is applied (here by a listener) must not end the watcher thread. */
    @Test
    void watcherSurvivesAnErrorAndAppliesLaterDocuments() throws Exception {
        Path f = dir.resolve("rules.json");
        write(f, doc("1"));
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        BlockingQueue<String> applied = new LinkedBlockingQueue<>();
        AtomicBoolean thrown = new AtomicBoolean();
        h.addListener((p, c, o) -> {
            boolean throwNow = c.version().equals("2") && thrown.compareAndSet(false, true);
            applied.add(c.version());
            if (throwNow) {
                throw new OutOfMemoryError("injected by the test");
            }
        });
        LocalFileRuleSource src = new LocalFileRuleSource(f, h, 50);
        try {
            src.start();
            assertEquals("1", applied.poll(0, TimeUnit.SECONDS));
            write(f, doc("2"));
            assertEquals("2", applied.poll(30, TimeUnit.SECONDS));
            assertTrue(thrown.get());
            write(f, doc("3-longer"));
            assertEquals("3-longer", applied.poll(30, TimeUnit.SECONDS), "the watcher still runs after the Error");
            assertTrue(String.valueOf(src.health().lastFailure()).contains("injected by the test"),
                    "the Error is visible: " + src.health().lastFailure());
        } finally {
            src.close();
        }
    }

    /** A file too large for any array (3 GB, sparse: no disk, no heap) is refused by its size, never read. */
    @Test
    void hugeFileIsRefusedWithoutReadingIt() throws Exception {
        Path f = dir.resolve("rules.json");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(3L << 30);
        }
        RuleHolder h = new RuleHolder();
        RecordingLog log = new RecordingLog();
        h.setLog(log);
        LocalFileRuleSource src = new LocalFileRuleSource(f, h, NEVER);
        try {
            assertDoesNotThrow(src::start);
            assertEquals("", h.version());
            assertEquals(1, log.count("WARN rules file " + f + " has 3221225472 bytes"), log.lines.toString());
            assertTrue(src.health().lastRejection().contains("more than graylane.rules.maxBytes=1048576"),
                    src.health().lastRejection());
            assertEquals(1, src.health().refusedCount());
            Files.delete(f);
            write(f, doc("ok"));
            src.poll();
            assertEquals("ok", h.version());
        } finally {
            src.close();
        }
    }

    /** A valid document above the default byte limit (1 MiB) is refused: it would cost ~10x its size in heap. */
    @Test
    void documentAboveTheDefaultByteLimitIsRefused() throws Exception {
        Path f = dir.resolve("rules.json");
        StringBuilder big = new StringBuilder(doc("big"));
        big.insert(1, String.join("", Collections.nCopies(2 * 1024 * 1024, " ")));
        write(f, big.toString());
        RuleHolder h = new RuleHolder();
        RecordingLog log = new RecordingLog();
        h.setLog(log);
        LocalFileRuleSource src = new LocalFileRuleSource(f, h, NEVER);
        try {
            src.start();
            assertEquals("", h.version(), "not applied");
            assertTrue(log.lines.toString().contains("graylane.rules.maxBytes"), log.lines.toString());
        } finally {
            src.close();
        }
    }

    /** A path that cannot be read (its parent is a file) warns once, not once per poll; recovery is logged once. */
    @Test
    void unreadablePathWarnsOnceAndRecoveryIsLogged() throws Exception {
        Path parent = dir.resolve("afile");
        write(parent, "x");
        Path f = parent.resolve("rules.json");
        RuleHolder h = new RuleHolder();
        RecordingLog log = new RecordingLog();
        h.setLog(log);
        LocalFileRuleSource src = new LocalFileRuleSource(f, h, NEVER);
        try {
            src.start();
            for (int i = 0; i < 5; i++) {
                src.poll();
            }
            assertEquals(1, log.count("WARN"), log.lines.toString());
            assertFalse(src.health().up());
            assertTrue(src.health().lastFailure().contains("Not a directory"), src.health().lastFailure());
            assertEquals(0, src.health().lastSuccessMillis());
            Files.delete(parent);
            Files.createDirectories(parent);
            write(f, doc("back"));
            src.poll();
            src.poll();
            assertEquals("back", h.version());
            assertTrue(src.health().up());
            assertTrue(src.health().lastSuccessMillis() > 0);
            assertEquals(1, log.count("INFO rules source file:" + f + " is back"), log.lines.toString());
            assertEquals(1, log.count("WARN rules source"), log.lines.toString());
        } finally {
            src.close();
        }
    }

    /**
     * {@code cp} writes in place: a poll can see half a document. That is not a rejection; the whole document is
     * applied once written. A document that stays broken is still rejected (once it is stable).
     */
    @Test
    void halfWrittenFileIsNotRejectedAndTheCompleteOneApplies() throws Exception {
        Path f = dir.resolve("rules.json");
        write(f, doc("1"));
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        LocalFileRuleSource src = new LocalFileRuleSource(f, h, NEVER);
        try {
            src.start();
            assertEquals("1", h.version());
            String full = doc("2-written-by-cp");
            write(f, full.substring(0, full.length() / 2));
            src.poll();
            assertEquals(0, h.rejectedCount(), "half a document is not counted as rejected");
            assertEquals("1", h.version());
            write(f, full);
            src.poll();
            assertEquals("2-written-by-cp", h.version(), "applied on the first poll that sees it whole");
            assertEquals(0, h.rejectedCount());

            write(f, "{ \"version\": \"broken\", ");
            src.poll();
            src.poll();
            assertEquals(1, h.rejectedCount(), "a broken file that stays as it is is rejected once");
            assertTrue(src.health().lastRejection().startsWith("$: "), src.health().lastRejection());
            src.poll();
            assertEquals(1, h.rejectedCount());
            assertEquals("gray", h.decideLane(Attributes.of("userId", "u")));
        } finally {
            src.close();
        }
    }
}
