package io.graylane.rules.nacos;

import io.graylane.rules.RuleHolder;
import io.graylane.rules.RuleLog;
import io.graylane.rules.source.LastGoodCache;
import io.graylane.rules.source.NacosRuleSource;
import io.graylane.rules.source.NacosSettings;
import io.graylane.testkit.Await;
import io.graylane.testkit.NacosServer;
import io.graylane.testkit.Ports;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Nacos rule source against a real Nacos that is absent at first, then stopped and started again: health and
 * its log lines, pick-up once the server is there, and deletion of the rule document (also across a restart of the
 * source with a cache on disk).
 */
class NacosSourceHealthIT {
    private static final String GROUP = "GRAYLANE";

    static String doc(String version) {
        return "{\"version\":\"" + version + "\",\"lanes\":{\"gray\":{\"fullGray\":true}}}";
    }

    static final class RecordingLog implements RuleLog {
        final List<String> lines = Collections.synchronizedList(new ArrayList<String>());

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
            System.out.println("[source] INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
            System.out.println("[source] WARN " + message);
        }

        long count(String part) {
            synchronized (lines) {
                return lines.stream().filter(l -> l.contains(part)).count();
            }
        }
    }

    @Test
    void healthPickUpAndDeletion() throws Exception {
        Path dir = Paths.get(System.getProperty("graylane.it.dir", "target/nacos-it")).resolve("health-" + UUID.randomUUID());
        Files.createDirectories(dir);
        System.setProperty("JM.LOG.PATH", dir.resolve("nacos-logs").toString());
        System.setProperty("JM.SNAPSHOT.PATH", dir.resolve("nacos-snapshot").toString());
        int port = Ports.freeWithOffsets(0, -1000, 1000, 1001);
        int consolePort = Ports.free();
        String dataId = "graylane-rules-health.json";
        LastGoodCache cache = new LastGoodCache(dir.resolve("cache.json"), RuleLog.SILENT);
        NacosSettings s = new NacosSettings();
        s.serverAddr = "127.0.0.1:" + port;
        s.group = GROUP;
        s.dataId = dataId;
        s.initialWaitMillis = 0;

        // 1. no server yet: down, one WARN however long it lasts
        RuleHolder h = new RuleHolder();
        RecordingLog log = new RecordingLog();
        h.setLog(log);
        NacosRuleSource src = new NacosRuleSource(s, h, cache);
        NacosServer nacos = null;
        try {
            src.start();
            // let the retry back-off grow (1, 2, 4, 8 s ...) before the server appears
            Await.until("several failed attempts", Duration.ofSeconds(60), () -> src.health().lastFailureMillis() > 0);
            long firstFailure = src.health().lastFailureMillis();
            Await.until("back-off grown", Duration.ofSeconds(120),
                    () -> src.health().lastFailureMillis() - firstFailure > 20_000);
            assertFalse(src.health().up());
            assertEquals(1, log.count("WARN rules source nacos:"), log.lines.toString());

            // 2. the server appears: picked up without waiting out the back-off (up to 30 s before)
            nacos = NacosServer.start(port, consolePort);
            assertTrue(nacos.publishConfig(dataId, GROUP, doc("v1")));
            nacos.awaitConfig(dataId, GROUP, doc("v1"), Duration.ofSeconds(30));
            long ready = System.currentTimeMillis();
            Await.until("v1 applied", Duration.ofSeconds(60), () -> "v1".equals(h.version()));
            long pickUp = System.currentTimeMillis() - ready;
            System.out.println("nacos-source pick-up after the server was ready: " + pickUp + " ms");
            assertTrue(src.health().up());
            assertEquals(1, log.count("INFO rules source nacos:" + s.serverAddr), log.lines.toString());
            // a regression guard for the 30 s back-off, not a performance goal
            assertTrue(pickUp < 10_000, "pick-up took " + pickUp + " ms");
            // the cache is written just after the rules are applied (only a document that applied is cached)
            Await.until("v1 cached", Duration.ofSeconds(10), () -> doc("v1").equals(cache.load()));

            // 3. deleted in Nacos: lanes off, cache cleared
            assertTrue(nacos.removeConfig(dataId, GROUP));
            Await.until("lanes off after delete", Duration.ofSeconds(30), () -> "".equals(h.version()));
            assertNull(h.decideLane(io.graylane.rules.Attributes.of("userId", "u")));
            assertNull(cache.load());

            // 4. a node restarted after a delete it did not see does not resurrect the document from its cache
            assertTrue(nacos.publishConfig(dataId, GROUP, doc("v2")));
            Await.until("v2 applied", Duration.ofSeconds(30), () -> "v2".equals(h.version()));
            Await.until("v2 cached", Duration.ofSeconds(10), () -> doc("v2").equals(cache.load()));
            src.close();
            assertTrue(nacos.removeConfig(dataId, GROUP));
            NacosServer server = nacos;
            Await.until("deleted on the server", Duration.ofSeconds(30), () -> server.getConfig(dataId, GROUP) == null);
            RuleHolder h2 = new RuleHolder();
            h2.setLog(log);
            NacosRuleSource restarted = new NacosRuleSource(s, h2, cache);
            try {
                restarted.start();
                Await.until("restarted node agrees: no lanes", Duration.ofSeconds(60),
                        () -> restarted.connected() && "".equals(h2.version()));
                assertNull(cache.load());
            } finally {
                restarted.close();
            }

            // 5. connected, then the server stops: down with one WARN; back with one INFO, and new documents apply
            RuleHolder h3 = new RuleHolder();
            RecordingLog log3 = new RecordingLog();
            h3.setLog(log3);
            assertTrue(nacos.publishConfig(dataId, GROUP, doc("v3")));
            nacos.awaitConfig(dataId, GROUP, doc("v3"), Duration.ofSeconds(30));
            NacosRuleSource third = new NacosRuleSource(s, h3, cache);
            try {
                third.start();
                Await.until("v3 applied", Duration.ofSeconds(60), () -> "v3".equals(h3.version()));
                nacos.close();
                nacos = null;
                Await.until("down after the server stopped", Duration.ofSeconds(60), () -> !third.health().up());
                assertEquals(1, log3.count("WARN rules source nacos:"), log3.lines.toString());
                nacos = NacosServer.start(port, consolePort);
                assertTrue(nacos.publishConfig(dataId, GROUP, doc("v4")));
                Await.until("v4 applied after the server came back", Duration.ofSeconds(90), () -> "v4".equals(h3.version()));
                Await.until("up again", Duration.ofSeconds(30), () -> third.health().up());
                assertEquals(1, log3.count("INFO rules source nacos:"), log3.lines.toString());
                assertEquals(1, log3.count("WARN rules source nacos:"), log3.lines.toString());
            } finally {
                third.close();
            }
        } finally {
            src.close();
            if (nacos != null) {
                nacos.close();
            }
        }
    }
}
