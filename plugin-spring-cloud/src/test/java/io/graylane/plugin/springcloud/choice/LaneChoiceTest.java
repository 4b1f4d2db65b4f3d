package io.graylane.plugin.springcloud.choice;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dubbo's semantics on plain instances ("name:lane", no lane after the colon = baseline), and one count per call. */
class LaneChoiceTest {
    static final LaneChoice.LaneOf<String> LANE_OF = i -> i.substring(i.indexOf(':') + 1);
    static final List<String> ALL = List.of("a:", "b:gray", "c:", "d:blue");

    static long counted(String metric, String lane) {
        return MetricRegistry.value(metric, "lane", LaneNames.label(lane));
    }

    @Test
    void aCallWithoutALaneGetsOnlyBaselineInstances() {
        assertEquals(List.of("a:", "c:"), LaneChoice.choose(ALL, null, LANE_OF, true));
    }

    @Test
    void aCallInALaneGetsItsInstancesAndIsCountedOnlyWhenAsked() {
        long routed = counted("graylane_http_routed_total", "gray");
        assertEquals(List.of("b:gray"), LaneChoice.choose(ALL, "gray", LANE_OF, true));
        assertEquals(List.of("b:gray"), LaneChoice.choose(ALL, "gray", LANE_OF, false));
        assertEquals(routed + 1, counted("graylane_http_routed_total", "gray"));
    }

    @Test
    void aCallInALaneWithoutInstancesFallsBackToBaseline() {
        long fallback = counted("graylane_http_fallback_total", "green");
        assertEquals(List.of("a:", "c:"), LaneChoice.choose(ALL, "green", LANE_OF, true));
        assertEquals(fallback + 1, counted("graylane_http_fallback_total", "green"));
    }
}
