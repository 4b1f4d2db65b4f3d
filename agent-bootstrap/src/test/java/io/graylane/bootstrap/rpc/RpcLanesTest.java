package io.graylane.bootstrap.rpc;

import io.graylane.bootstrap.LaneContext;
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
        assertTrue(RpcLanes.validLane("gray"));
        assertTrue(RpcLanes.validLane("v2.1_canary-b"));
        assertFalse(RpcLanes.validLane(""));
        assertFalse(RpcLanes.validLane("-gray"));
        assertFalse(RpcLanes.validLane("gray lane"));
        assertTrue(RpcLanes.validLane("x".repeat(64)));
        assertFalse(RpcLanes.validLane("x".repeat(65)));
    }

    @Test
    void inboundTagIsTheLaneUntilRestored() {
        LaneSnapshot before = LaneContext.swap(null);
        try {
            LaneSnapshot prev = RpcLanes.enterInbound("gray");
            assertNull(prev);
            assertEquals("gray", LaneContext.currentLane());
            assertSame(LaneContext.current(), RpcLanes.snapshot("gray"), "cached");
            LaneContext.restore(prev);
            assertNull(LaneContext.currentLane());
            // no tag or a junk tag: baseline, even if the thread had a lane
            LaneContext.swap(RpcLanes.snapshot("blue"));
            prev = RpcLanes.enterInbound("bad tag!");
            assertNull(LaneContext.currentLane());
            LaneContext.restore(prev);
            assertEquals("blue", LaneContext.currentLane());
        } finally {
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
