package io.graylane.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolTaskLanesTest {
    private static final LaneSnapshot GRAY = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API);
    private static final LaneSnapshot BLUE = LaneSnapshot.of("blue", LaneSnapshot.ORIGIN_API);

    @Test
    void aRecordedRunIsInItsLaneOnceAndTheWorkerKeepsItsOwnContext() {
        List<String> seen = new ArrayList<>();
        Runnable task = () -> seen.add(LaneContext.currentLane());
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            PoolTaskLanes.submitted(task);
        }
        LaneSnapshot worker = LaneContext.swap(BLUE);
        try {
            PoolTaskLanes.run(task);
            assertSame(BLUE, LaneContext.current(), "restored after the run");
            PoolTaskLanes.run(task); // a later run of the same object (a periodic task): no record left
        } finally {
            LaneContext.restore(worker);
        }
        assertEquals(List.of("gray", "blue"), seen);
    }

    @Test
    void twoSubmissionsInALaneAreTwoRunsInIt() {
        List<String> seen = new ArrayList<>();
        Runnable task = () -> seen.add(LaneContext.currentLane());
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            PoolTaskLanes.submitted(task);
            PoolTaskLanes.submitted(task);
        }
        PoolTaskLanes.run(task);
        PoolTaskLanes.run(task);
        PoolTaskLanes.run(task);
        assertEquals(java.util.Arrays.asList("gray", "gray", null), seen);
    }

    @Test
    void aBaselineSubmissionDropsAStaleRecord() {
        List<String> seen = new ArrayList<>();
        Runnable task = () -> seen.add(LaneContext.currentLane());
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            PoolTaskLanes.submitted(task); // then removed from the queue, never run
        }
        PoolTaskLanes.submitted(task);
        PoolTaskLanes.run(task);
        assertEquals(java.util.Collections.singletonList(null), seen);
    }

    @Test
    void whatTheTaskThrowsPassesThroughAndTheContextIsRestored() {
        Runnable task = () -> {
            throw new IllegalStateException("task failed");
        };
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY)) {
            PoolTaskLanes.submitted(task);
        }
        assertThrows(IllegalStateException.class, () -> PoolTaskLanes.run(task));
        assertNull(LaneContext.current());
    }
}
