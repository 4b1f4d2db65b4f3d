package io.graylane.bootstrap;

import io.graylane.bootstrap.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneContextTest {
    private final LaneSnapshot gray = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_RULE, Map.of("userId", "120"));

    @Test
    void scopesNestAndRestoreEvenOnExceptions() {
        assertNull(LaneContext.currentLane());
        try (LaneContext.Scope outer = LaneContext.enter(gray)) {
            assertEquals("gray", LaneContext.currentLane());
            assertThrows(IllegalStateException.class, () -> {
                try (LaneContext.Scope inner = LaneContext.enter(LaneSnapshot.of("blue", null))) {
                    assertEquals("blue", LaneContext.currentLane());
                    throw new IllegalStateException("boom");
                }
            });
            assertEquals("gray", LaneContext.currentLane());
            assertEquals("120", LaneContext.current().attributes().get("userId"));
        }
        assertNull(LaneContext.current());
    }

    @Test
    void baselineTasksAreNotWrapped() {
        Runnable r = () -> { };
        assertSame(r, LanePropagation.wrap(r));
    }

    @Test
    void wrappedTaskRunsInTheCapturedLaneAndRestoresTheWorkersContext() throws Exception {
        Callable<String> c;
        try (LaneContext.Scope s = LaneContext.enter(gray)) {
            c = LanePropagation.wrap(LaneContext::currentLane);
            assertSame(c, LanePropagation.wrap(c), "no double wrapping");
        }
        LaneSnapshot workerOwn = LaneSnapshot.of("other", null);
        LaneContext.swap(workerOwn);
        try {
            assertEquals("gray", c.call());
            assertSame(workerOwn, LaneContext.current());
        } finally {
            LaneContext.restore(null);
        }
    }

    @Test
    void snapshotsAreImmutableAndNeedALane() {
        assertThrows(UnsupportedOperationException.class, () -> gray.attributes().put("x", "y"));
        assertThrows(IllegalArgumentException.class, () -> LaneSnapshot.of("", null));
    }

    @Test
    void metricsRenderInPrometheusFormat() {
        MetricRegistry.counter("graylane_test_total", "a test counter", "lane", "gray").add(3);
        MetricRegistry.counter("graylane_test_total", null, "lane", "gr\"ay").inc();
        String text = MetricRegistry.renderPrometheus();
        assertTrue(text.contains("# HELP graylane_test_total a test counter\n# TYPE graylane_test_total counter\n"), text);
        assertTrue(text.contains("graylane_test_total{lane=\"gray\"} 3\n"), text);
        assertTrue(text.contains("graylane_test_total{lane=\"gr\\\"ay\"} 1\n"), text);
        assertEquals(3, MetricRegistry.value("graylane_test_total", "lane", "gray"));
        long[] elsewhere = {41};
        MetricRegistry.counterFrom("graylane_test_from_total", "kept elsewhere", () -> elsewhere[0]);
        elsewhere[0]++;
        assertTrue(MetricRegistry.renderPrometheus().contains("graylane_test_from_total 42\n"));
    }
}
