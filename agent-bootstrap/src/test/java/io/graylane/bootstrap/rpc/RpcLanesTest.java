package io.graylane.bootstrap.rpc;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.LaneSnapshot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RpcLanesTest {
    @Test
    void laneNames() {
        assertTrue(LaneNames.isValid("gray"));
        assertTrue(LaneNames.isValid("v2.1_canary-b"));
        assertFalse(LaneNames.isValid(""));
        assertFalse(LaneNames.isValid("-gray"));
        assertFalse(LaneNames.isValid("gray lane"));
        assertTrue(LaneNames.isValid("x".repeat(64)));
        assertFalse(LaneNames.isValid("x".repeat(65)));
    }

    @Test
    void inboundTagIsTheLaneUntilRestored() {
        LaneSnapshot before = LaneContext.swap(null);
        LaneNames.ruleLanes(java.util.Arrays.asList("gray", "blue"));
        try {
            LaneSnapshot prev = RpcLanes.enterInbound("gray");
            assertNull(prev);
            assertEquals("gray", LaneContext.currentLane());
            assertSame(LaneContext.current(), RpcLanes.snapshot("gray"), "a known lane's snapshot is cached");
            LaneContext.restore(prev);
            assertNull(LaneContext.currentLane());
            // no tag or a junk tag: baseline, even if the thread had a lane
            LaneContext.swap(RpcLanes.snapshot("blue"));
            prev = RpcLanes.enterInbound("bad tag!");
            assertNull(LaneContext.currentLane());
            LaneContext.restore(prev);
            assertEquals("blue", LaneContext.currentLane());
        } finally {
            LaneNames.ruleLanes(null);
            LaneContext.restore(before);
        }
    }

    @Test
    void outboundTagNeverOverwritesTheApplications() {
        LaneSnapshot before = LaneContext.swap(RpcLanes.snapshot("gray"));
        try {
            assertEquals("gray", RpcLanes.outboundTag(RpcLanes.outboundLane(), null));
            assertEquals("gray", RpcLanes.outboundTag(RpcLanes.outboundLane(), ""));
            assertNull(RpcLanes.outboundTag(RpcLanes.outboundLane(), "blue"));
            LaneContext.swap(null);
            assertNull(RpcLanes.outboundLane(), "baseline: nothing to send");
        } finally {
            LaneContext.restore(before);
        }
    }
}
