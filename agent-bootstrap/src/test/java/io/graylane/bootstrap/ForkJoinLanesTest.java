package io.graylane.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calls the executors plugin inserts into ForkJoinTask/ForkJoinPool, driven by hand (the rewrite is in agent-it). */
class ForkJoinLanesTest {
    private final LaneSnapshot gray = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API);
    private final LaneSnapshot blue = LaneSnapshot.of("blue", LaneSnapshot.ORIGIN_API);

    @Test
    void aTaskRecordedInALaneRunsInItAndTheRunnersContextComesBack() throws Exception {
        Object task = new Object();
        try (LaneContext.Scope ignored = LaneContext.enter(gray)) {
            ForkJoinLanes.capture(task);
        }
        String[] seen = new String[2];
        Thread worker = new Thread(() -> {
            try (LaneContext.Scope own = LaneContext.enter(blue)) {
                ForkJoinLanes.enter(task);
                seen[0] = LaneContext.currentLane();
                ForkJoinLanes.exit(task);
                seen[1] = LaneContext.currentLane();
            }
        });
        worker.start();
        worker.join();
        assertEquals("gray", seen[0]);
        assertEquals("blue", seen[1]);
        assertEquals(0, ForkJoinLanes.pending(), "the record is consumed when the task runs");
    }

    @Test
    void baselineRecordsNothingAndUnrecordedTasksLeaveTheContextAlone() {
        Object task = new Object();
        ForkJoinLanes.capture(task);
        assertEquals(0, ForkJoinLanes.pending());
        try (LaneContext.Scope ignored = LaneContext.enter(blue)) {
            ForkJoinLanes.enter(task);
            assertEquals("blue", LaneContext.currentLane());
            ForkJoinLanes.exit(task);
            assertEquals("blue", LaneContext.currentLane());
        }
        assertNull(LaneContext.current());
    }

    @Test
    void nestedTasksOnOneThreadUnwindInOrder() {
        Object outer = new Object();
        Object inner = new Object();
        Object unrecorded = new Object();
        try (LaneContext.Scope ignored = LaneContext.enter(gray)) {
            ForkJoinLanes.capture(outer);
        }
        try (LaneContext.Scope ignored = LaneContext.enter(blue)) {
            ForkJoinLanes.capture(inner);
        }
        ForkJoinLanes.enter(outer);
        assertEquals("gray", LaneContext.currentLane());
        ForkJoinLanes.enter(unrecorded); // a helping worker runs another task inside: no record, no change
        ForkJoinLanes.enter(inner);
        assertEquals("blue", LaneContext.currentLane());
        ForkJoinLanes.exit(inner);
        ForkJoinLanes.exit(unrecorded);
        assertEquals("gray", LaneContext.currentLane());
        ForkJoinLanes.exit(outer);
        assertNull(LaneContext.current());
    }

    @Test
    void tableComparesByIdentityAndForgetsCollectedKeys() throws InterruptedException {
        WeakIdentityTable<String> table = new WeakIdentityTable<>();
        String a = new String("same");
        String b = new String("same");
        table.put(a, "A");
        table.put(b, "B");
        assertEquals(2, table.size());
        assertEquals("B", table.remove(b));
        assertEquals("A", table.remove(a));
        assertNull(table.remove(a));
        assertTrue(table.isEmpty());

        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Object key = new Object();
            table.put(key, "v" + i);
            if (i % 10 == 0) {
                kept.add(key);
            }
        }
        assertEquals(1000, table.size());
        assertEquals("v990", table.remove(kept.get(99)));
        // the 900 keys nobody holds go once collected
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (table.size() > kept.size() - 1 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
            table.purgeAll();
        }
        assertEquals(kept.size() - 1, table.size());
        for (int i = 0; i < 99; i++) {
            assertEquals("v" + (i * 10), table.remove(kept.get(i)));
        }
        assertTrue(table.isEmpty());
    }
}
