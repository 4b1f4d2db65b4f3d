package io.graylane.bootstrap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobLanesTest {
    @AfterEach
    void reset() {
        JobLanes.reset();
        JobLanes.configure(null, false, null);
    }

    @Test
    void laneTaskTrackerTakesOnlyItsLaneAndBaselineTakesTheRest() {
        JobLanes.pulled("g", "base", null);
        JobLanes.pulled("g", "gray-1", "gray");
        JobLanes.beginTake("g", "gray-1");
        assertTrue(JobLanes.takes("gray"));
        assertFalse(JobLanes.takes(null));
        assertFalse(JobLanes.takes("blue"));
        JobLanes.endTake(false, null);
        JobLanes.beginTake("g", "base");
        assertTrue(JobLanes.takes(null));
        assertFalse(JobLanes.takes("gray"), "gray has a TaskTracker alive");
        assertTrue(JobLanes.takes("blue"), "blue has none: baseline runs it");
        assertTrue(JobLanes.takes("not a lane!"), "not a lane name: baseline");
        JobLanes.endTake(false, null);
        assertFalse(JobLanes.taking());
    }

    @Test
    void aLaneFallsBackToBaselineOnceItsTaskTrackerLeftAndIsHeldInStrictMode() {
        JobLanes.pulled("g", "base", null);
        JobLanes.pulled("g", "gray-1", "gray");
        JobLanes.trackerGone("g", "gray-1");
        JobLanes.beginTake("g", "base");
        assertTrue(JobLanes.takes("gray"));
        JobLanes.endTake(false, null);
        JobLanes.configure(null, true, null);
        JobLanes.beginTake("g", "base");
        assertFalse(JobLanes.takes("gray"), "strict: held for a gray TaskTracker");
        assertTrue(JobLanes.takes(null));
        JobLanes.endTake(false, null);
    }

    @Test
    void otherNodeGroupsAndUnknownTrackersAreBaselineAndTheTableIsBounded() {
        JobLanes.pulled("g", "gray-1", "gray");
        JobLanes.beginTake("h", "x");
        assertTrue(JobLanes.takes("gray"), "no gray TaskTracker in node group h");
        JobLanes.endTake(false, null);
        for (int i = 0; i < JobLanes.MAX_TRACKERS + 10; i++) {
            JobLanes.pulled("g", "t" + i, "blue");
        }
        int n = JobLanes.trackers().values().stream().mapToInt(m -> m.size()).sum();
        assertEquals(JobLanes.MAX_TRACKERS, n);
    }
}
