package io.graylane.rules;

import io.graylane.rules.sdk.GrayService;
import io.graylane.rules.source.LastGoodCache;
import io.graylane.rules.source.LocalFileRuleSource;
import io.graylane.rules.source.NacosRuleSource;
import io.graylane.rules.source.NacosSettings;
import io.graylane.rules.source.RuleSource;
import io.graylane.rules.source.RuleSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourcesTest {
    @TempDir
    Path dir;

    static String doc(String version, int rate) {
        return "{\"version\":\"" + version + "\",\"lanes\":{\"gray\":{\"bucket\":{\"key\":\"userId\",\"rate\":" + rate + "}}},"
                + "\"scenes\":{\"s\":{\"fullGray\":true,\"config\":{\"limit\":" + rate + "}}}}";
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
    }

    @Test
    void holderKeepsLastGoodAndCountsRejections() {
        RuleHolder h = new RuleHolder();
        RecordingLog log = new RecordingLog();
        h.setLog(log);
        List<String> changes = new ArrayList<>();
        h.addListener((prev, cur, origin) -> changes.add(prev.version() + "->" + cur.version() + "@" + origin));
        assertEquals(0, h.generation());
        assertNull(h.decideLane(Attributes.of("userId", "u1")));
        assertTrue(h.update(doc("1", 10000), "test"));
        assertEquals("gray", h.decideLane(Attributes.of("userId", "u1")));
        assertTrue(h.update(doc("1", 10000), "test"), "same text is a no-op");
        assertEquals(1, h.generation());
        assertFalse(h.update(doc("2", 20000), "test"));
        assertFalse(h.update("{", "test"));
        assertEquals("1", h.version(), "the last good document stays in force");
        assertEquals(2, h.rejectedCount());
        assertEquals(1, h.lastProblems().size());
        assertEquals(Collections.singletonList("->1@test"), changes);
        long warns = log.lines.stream().filter(l -> l.startsWith("WARN rules from test rejected, keeping version 1")).count();
        assertEquals(2, warns, "one log line per rejection: " + log.lines);
        h.addListener((p, c, o) -> {
            throw new IllegalStateException("listener bug");
        });
        assertTrue(h.update(doc("3", 0), "test"), "a failing listener does not fail the update");
        assertEquals("3", h.version());
    }

    @Test
    void localFileIsWatched() throws Exception {
        Path f = dir.resolve("rules.json");
        Files.write(f, doc("1", 10000).getBytes(StandardCharsets.UTF_8));
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        BlockingQueue<String> applied = new LinkedBlockingQueue<>();
        h.addListener((p, c, o) -> applied.add(c.version()));
        LocalFileRuleSource src = new LocalFileRuleSource(f, h, 50);
        try {
            src.start();
            assertEquals("1", applied.poll(0, TimeUnit.SECONDS), "start() loads synchronously");
            Files.write(f, "{ broken".getBytes(StandardCharsets.UTF_8));
            assertFalse(src.checkNow());
            assertEquals("1", h.version());
            Files.write(f, doc("2", 0).getBytes(StandardCharsets.UTF_8));
            // picked up by the watcher thread (await a listener event, no fixed sleep)
            assertEquals("2", applied.poll(30, TimeUnit.SECONDS));
            Files.delete(f);
            assertFalse(src.checkNow());
            assertEquals("2", h.version(), "a deleted file keeps the rules in force");
        } finally {
            src.close();
        }
    }

    @Test
    void cacheRoundTripAndBrokenPaths() throws Exception {
        LastGoodCache c = new LastGoodCache(dir.resolve("a/b/cache.json"), RuleLog.SILENT);
        assertNull(c.load());
        c.store(doc("9", 1));
        assertEquals(doc("9", 1), c.load());
        Files.write(dir.resolve("file"), new byte[0]);
        LastGoodCache bad = new LastGoodCache(dir.resolve("file/under/a/file"), RuleLog.SILENT);
        bad.store("x"); // must not throw
        assertNull(bad.load());
    }

    /** Nacos configured but unreachable: start() returns after the bounded wait with the cached rules. */
    @Test
    void unreachableNacosStartsFromTheCache() throws Exception {
        System.setProperty("JM.LOG.PATH", dir.resolve("nacos-logs").toString());
        System.setProperty("JM.SNAPSHOT.PATH", dir.resolve("nacos-snapshot").toString());
        LastGoodCache cache = new LastGoodCache(dir.resolve("cache.json"), RuleLog.SILENT);
        cache.store(doc("cached-7", 10000));
        RuleHolder h = new RuleHolder();
        RecordingLog log = new RecordingLog();
        h.setLog(log);
        NacosSettings s = new NacosSettings();
        s.serverAddr = "127.0.0.1:1"; // nothing listens on port 1
        s.initialWaitMillis = 300;
        s.readTimeoutMillis = 200;
        NacosRuleSource src = new NacosRuleSource(s, h, cache);
        try {
            src.start();
            assertEquals("cached-7", h.version());
            assertFalse(src.connected());
            assertEquals("gray", h.decideLane(Attributes.of("userId", "x")));
        } finally {
            src.close();
        }
    }

    @Test
    void factoryChoosesTheSource() {
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        Map<String, String> cfg = new HashMap<>();
        cfg.put("graylane.rules.file", dir.resolve("r.json").toString());
        RuleSource file = RuleSources.create(cfg, h);
        assertTrue(file instanceof LocalFileRuleSource, file.describe());
        cfg.put("graylane.rules.nacos.serverAddr", "127.0.0.1:8848");
        cfg.put("graylane.rules.nacos.group", "G");
        cfg.put("graylane.rules.nacos.dataId", "order-service.json");
        cfg.put("graylane.rules.cache", dir.resolve("c.json").toString());
        RuleSource nacos = RuleSources.create(cfg, h);
        assertTrue(nacos instanceof NacosRuleSource, nacos.describe());
        assertEquals("nacos:127.0.0.1:8848/public/G/order-service.json", nacos.describe());
    }

    /**
     * Without nacos-client on the class path (a fresh loader holding only the rules engine and RE2J),
     * the file source and the SDK work, and a Nacos configuration degrades to the cache — no linkage error.
     */
    @Test
    void worksWithoutNacosClient() throws Exception {
        URL classes = RuleSources.class.getProtectionDomain().getCodeSource().getLocation();
        URL re2j = com.google.re2j.Pattern.class.getProtectionDomain().getCodeSource().getLocation();
        Path f = dir.resolve("rules.json");
        Files.write(f, doc("5", 10000).getBytes(StandardCharsets.UTF_8));
        Path cacheFile = dir.resolve("cache.json");
        Files.write(cacheFile, doc("6", 10000).getBytes(StandardCharsets.UTF_8));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes, re2j}, ClassLoader.getPlatformClassLoader())) {
            Class<?> holderC = cl.loadClass("io.graylane.rules.RuleHolder");
            Class<?> sourcesC = cl.loadClass("io.graylane.rules.source.RuleSources");
            Class<?> sdkC = cl.loadClass("io.graylane.rules.sdk.GrayService");
            Object holder = holderC.getConstructor().newInstance();
            Method create = sourcesC.getMethod("create", Map.class, holderC);
            Map<String, String> cfg = new HashMap<>();
            cfg.put("graylane.rules.file", f.toString());
            Object src = create.invoke(null, cfg, holder);
            src.getClass().getMethod("start").invoke(src);
            src.getClass().getMethod("close").invoke(src);
            assertEquals("5", holderC.getMethod("version").invoke(holder));
            sdkC.getMethod("bindGlobal", holderC).invoke(null, holder);
            Object sdk = sdkC.getMethod("global").invoke(null);
            assertEquals(true, sdkC.getMethod("hitGray", String.class, Map.class).invoke(sdk, "s", Collections.emptyMap()));

            cfg.put("graylane.rules.nacos.serverAddr", "127.0.0.1:8848");
            cfg.put("graylane.rules.cache", cacheFile.toString());
            Object nacos = create.invoke(null, cfg, holder);
            assertEquals("CacheOnlyRuleSource", nacos.getClass().getSimpleName());
            cl.loadClass("io.graylane.rules.source.RuleSource").getMethod("start").invoke(nacos);
            assertEquals("6", holderC.getMethod("version").invoke(holder));
            assertThrowsClassNotFound(cl, "com.alibaba.nacos.api.NacosFactory");
        }
    }

    private static void assertThrowsClassNotFound(ClassLoader cl, String name) {
        try {
            cl.loadClass(name);
            throw new AssertionError(name + " should not be visible");
        } catch (ClassNotFoundException expected) {
            // ok
        }
    }

    @Test
    void sdkOverAHolder() {
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        GrayService sdk = new GrayService(h);
        assertFalse(sdk.hitGray("s", Collections.<String, Object>emptyMap()));
        assertEquals(5, sdk.getIntegerValue("s", "limit", 5));
        h.update(doc("1", 1234), "test");
        assertTrue(sdk.hitGray("s", Collections.<String, Object>emptyMap()));
        assertEquals(1234, sdk.getIntegerValue("s", "limit", 5));
        assertEquals("{\"limit\":1234}", sdk.getConfigValue("s"));
        RuleHolder before = null;
        try {
            GrayService.bindGlobal(h);
            assertTrue(GrayService.global().hitGray("s", Collections.<String, Object>emptyMap()));
        } finally {
            GrayService.unbindGlobal();
        }
    }
}
