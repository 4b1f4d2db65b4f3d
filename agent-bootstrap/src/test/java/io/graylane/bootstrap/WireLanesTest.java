package io.graylane.bootstrap;

import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.bootstrap.mq.MqBridge;
import io.graylane.bootstrap.rpc.RpcLanes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lane names arriving from the wire (Dubbo tags, message properties): no cache changes a decision, no label grows. */
class WireLanesTest {

    @Test
    void everyLaneOfA600LaneRuleDocumentIsServedInItsLane() {
        List<String> lanes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            lanes.add("doc600-lane-" + i);
        }
        LaneNames.ruleLanes(lanes);
        try {
            for (String lane : lanes) {
                assertEquals(lane, inboundDubboLane(lane), "Dubbo tag " + lane);
                LaneSnapshot fromMessage = MqBridge.snapshotOf(lane);
                assertEquals(lane, fromMessage == null ? null : fromMessage.lane(), "message lane " + lane);
            }
        } finally {
            LaneNames.ruleLanes(null);
        }
    }

    @Test
    void madeUpWireLanesNeitherCrowdOutARuleLaneNorLoseTheirOwn() {
        LaneNames.ruleLanes(java.util.Collections.singletonList("rule-lane"));
        try {
            for (int i = 0; i < 1200; i++) {
                assertEquals("made-up-" + i, inboundDubboLane("made-up-" + i));
                LaneSnapshot m = MqBridge.snapshotOf("made-up-msg-" + i);
                assertEquals("made-up-msg-" + i, m == null ? null : m.lane());
            }
            assertEquals("rule-lane", inboundDubboLane("rule-lane"));
            LaneSnapshot m = MqBridge.snapshotOf("rule-lane");
            assertEquals("rule-lane", m == null ? null : m.lane());
            assertTrue(LaneNames.unknownCached() <= LaneNames.MAX_UNKNOWN_CACHED, "the cache of other names is bounded");
        } finally {
            LaneNames.ruleLanes(null);
        }
    }

    @Test
    void metricSeriesStayBoundedUnder10000RandomMessageLanes() {
        Random random = new Random(11);
        int before = series();
        LaneSnapshot saved = LaneContext.swap(null);
        try {
            for (int i = 0; i < 10_000; i++) {
                String lane = "m" + Long.toHexString(random.nextLong());
                // a consumer runs in the message's lane, stamps what it sends and calls Dubbo
                LaneContext.swap(MqBridge.snapshotOf(lane));
                MqBridge.stamped(LaneContext.currentLane());
                RpcLanes.outboundTag(RpcLanes.outboundLane(), null);
                RpcLanes.checkServed(LaneContext.currentLane(), null);
                RpcLanes.unavailableFallback(LaneContext.currentLane());
                LaneContext.restore(RpcLanes.enterInbound(lane));
            }
        } finally {
            LaneContext.restore(saved);
        }
        int added = series() - before;
        assertTrue(added <= 10, "metric series added by 10,000 message lanes: " + added);
        assertTrue(MetricRegistry.renderPrometheus().contains("lane=\"" + LaneNames.OTHER + "\""));
    }

    @Test
    void aMessageLaneThatIsNotALaneNameIsIgnoredAndCounted() {
        long before = MetricRegistry.value("graylane_mq_invalid_lane_total");
        assertNull(MqBridge.snapshotOf("gray' OR 1=1 --"));
        assertNull(MqBridge.snapshotOf("x".repeat(65)));
        assertNull(MqBridge.snapshotOf(""), "empty: baseline, not counted");
        assertNull(MqBridge.snapshotOf(null), "absent: baseline, not counted");
        assertEquals(before + 2, MetricRegistry.value("graylane_mq_invalid_lane_total"));
        assertFalse(MetricRegistry.renderPrometheus().contains("OR 1=1"), "the bad value is no label");
    }

    @Test
    void aDubboTagThatIsNotALaneNameIsServedAsBaselineAndCounted() {
        long before = MetricRegistry.value("graylane_dubbo_invalid_tag_total");
        assertNull(inboundDubboLane("gray lane"));
        assertEquals(before + 1, MetricRegistry.value("graylane_dubbo_invalid_tag_total"));
        assertFalse(MetricRegistry.renderPrometheus().contains("gray lane"), "the bad value is no label");
    }

    private static String inboundDubboLane(String tag) {
        LaneSnapshot prev = RpcLanes.enterInbound(tag);
        try {
            return LaneContext.currentLane();
        } finally {
            LaneContext.restore(prev);
        }
    }

    private static int series() {
        int n = 0;
        for (String line : MetricRegistry.renderPrometheus().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                n++;
            }
        }
        return n;
    }
}
