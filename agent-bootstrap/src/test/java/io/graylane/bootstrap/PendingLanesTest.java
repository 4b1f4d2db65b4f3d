package io.graylane.bootstrap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PendingLanesTest {
    private final LaneSnapshot gray = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_RPC);

    @Test
    void theRecordedLaneIsCurrentWhileTheItemCompletesAndTheThreadsOwnComesBack() throws Exception {
        PendingLanes lanes = new PendingLanes();
        Object future = new Object();
        try (LaneContext.Scope ignored = LaneContext.enter(gray)) {
            lanes.record(future);
        }
        assertEquals(1, lanes.pending());
        String[] seen = new String[2];
        Thread responder = new Thread(() -> {
            Object token = lanes.enter(future);
            seen[0] = LaneContext.currentLane();
            PendingLanes.exit(token);
            seen[1] = LaneContext.currentLane();
        });
        responder.start();
        responder.join();
        assertEquals("gray", seen[0]);
        assertNull(seen[1]);
        assertEquals(0, lanes.pending(), "the record is consumed");
    }

    @Test
    void baselineRecordsNothingAndAnUnrecordedItemLeavesTheContextAlone() {
        PendingLanes lanes = new PendingLanes();
        Object future = new Object();
        lanes.record(future);
        assertEquals(0, lanes.pending());
        try (LaneContext.Scope ignored = LaneContext.enter(gray)) {
            Object token = lanes.enter(future);
            assertEquals("gray", LaneContext.currentLane());
            PendingLanes.exit(token);
            assertEquals("gray", LaneContext.currentLane());
        }
    }
}
