package io.graylane.core.admin;

import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.config.AgentConfig;
import io.graylane.core.rules.AgentRules;
import io.graylane.rules.json.Json;
import io.graylane.rules.source.SourceHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The rule source's health in /status and in graylane_rules_source_up, driven by a real watched rule file. */
class RulesSourceStatusTest {
    @TempDir
    Path dir;

    @Test
    void statusAndMetricFollowTheRuleFile() throws Exception {
        Path f = dir.resolve("rules.json");
        AgentRules rules = AgentRules.start(AgentConfig.load(null,
                Map.of("graylane.rules.file", f.toString(), "graylane.rules.file.pollMillis", "50"), Map.of()));
        SourceHealth h = rules.sourceHealth();
        assertNotNull(h);
        await("missing file reported", () -> h.lastFailure() != null);
        assertEquals(0, MetricRegistry.value("graylane_rules_source_up"));
        assertTrue(MetricRegistry.renderPrometheus().contains("# TYPE graylane_rules_source_up gauge\ngraylane_rules_source_up 0\n"),
                MetricRegistry.renderPrometheus());
        Map<String, Object> s = status(h);
        assertEquals(Boolean.FALSE, s.get("up"));
        assertEquals("file:" + f, s.get("source"));
        assertTrue(((String) s.get("lastFailure")).contains("does not exist"), s.toString());
        assertEquals(Json.NULL, s.get("lastSuccess"));

        // a disabled lane: AgentRules is global, and later tests in this JVM expect baseline
        Files.write(f, "{\"version\":\"1\",\"lanes\":{\"gray\":{\"enabled\":false,\"fullGray\":true}}}"
                .getBytes(StandardCharsets.UTF_8));
        await("source up", h::up);
        assertEquals(1, MetricRegistry.value("graylane_rules_source_up"));
        s = status(h);
        assertEquals(Boolean.TRUE, s.get("up"));
        assertTrue(s.get("lastSuccess") instanceof String, s.toString());
        assertEquals(Json.NULL, s.get("lastRejection"));

        long rejectedBefore = MetricRegistry.value("graylane_rules_rejected_total");
        Files.write(f, "{\"version\":\"2\",\"lanes\":{\"gray\":{\"bucket\":{\"rate\":10001}}}}".getBytes(StandardCharsets.UTF_8));
        await("rejection recorded", () -> h.lastRejection() != null);
        s = status(h);
        assertTrue(((String) s.get("lastRejection")).contains("rate"), s.toString());
        assertTrue(s.get("lastRejectionAt") instanceof String, s.toString());
        assertEquals(rejectedBefore + 1, MetricRegistry.value("graylane_rules_rejected_total"));
        assertEquals("1", rules.holder().version(), "the last good document stays");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(SourceHealth h) throws Exception {
        StringBuilder sb = new StringBuilder("{\"x\":1");
        AdminServer.rulesSource(sb, h);
        Map<String, Object> all = (Map<String, Object>) Json.parse(sb.append('}').toString());
        return (Map<String, Object>) all.get("rulesSource");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 30 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
