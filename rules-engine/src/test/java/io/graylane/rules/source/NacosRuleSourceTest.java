package io.graylane.rules.source;

import io.graylane.rules.Attributes;
import io.graylane.rules.RuleHolder;
import io.graylane.rules.RuleLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Nacos source does with what the server sends ({@code received}); no server involved (see NacosSourceHealthIT). */
class NacosRuleSourceTest {
    @TempDir
    Path dir;

    private NacosRuleSource source(RuleHolder h, LastGoodCache cache) {
        NacosSettings s = new NacosSettings();
        s.serverAddr = "127.0.0.1:1";
        return new NacosRuleSource(s, h, cache);
    }

    @Test
    void deletedDocumentTurnsLanesOffAndClearsTheCache() {
        LastGoodCache cache = new LastGoodCache(dir.resolve("cache.json"), RuleLog.SILENT);
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        NacosRuleSource src = source(h, cache);
        src.received(LocalFileRuleSourceTest.doc("1"), "push");
        assertEquals("1", h.version());
        assertEquals(LocalFileRuleSourceTest.doc("1"), cache.load());
        src.received(null, "push");
        assertNull(h.decideLane(Attributes.of("userId", "u")), "lanes off");
        assertEquals("", h.version());
        assertNull(cache.load(), "cache cleared, so a restart does not bring the document back");
    }

    @Test
    void documentAboveTheByteLimitIsRefusedAndNotCached() {
        LastGoodCache cache = new LastGoodCache(dir.resolve("cache.json"), RuleLog.SILENT);
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        NacosRuleSource src = source(h, cache);
        src.received(LocalFileRuleSourceTest.doc("1"), "push");
        StringBuilder big = new StringBuilder(LocalFileRuleSourceTest.doc("big"));
        big.insert(1, String.join("", Collections.nCopies(1024 * 1024, " ")));
        src.received(big.toString(), "push");
        assertEquals("1", h.version());
        assertEquals(LocalFileRuleSourceTest.doc("1"), cache.load());
        assertEquals(1, src.health().refusedCount());
        assertTrue(src.health().lastRejection().contains("more than graylane.rules.maxBytes=1048576"),
                src.health().lastRejection());
    }
}
