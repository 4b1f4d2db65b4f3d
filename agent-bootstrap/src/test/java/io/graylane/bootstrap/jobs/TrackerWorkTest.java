package io.graylane.bootstrap.jobs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A job counts as running from its start until LTS reported its result (the worker's {@code run()} returned, or the
 * worker started the next job it got in the answer to that report): the drain must not call a node drained while a
 * completion is still on its way to the JobTracker.
 */
class TrackerWorkTest {

    @Test
    void aJobCountsUntilItsResultWasReportedAndAChainedJobReplacesIt() throws Exception {
        long before = TrackerWork.running();
        TrackerWork.jobStarted();
        assertEquals(before + 1, TrackerWork.running(), "running");
        // LTS's JobRunnerDelegate.stat(..) ran and the report is on its way: still running
        assertEquals(before + 1, TrackerWork.running(), "reporting");
        // the report's answer carried the next job: the first one is done, the second one runs
        TrackerWork.jobStarted();
        assertEquals(before + 1, TrackerWork.running(), "chained job");
        TrackerWork.jobReported();
        assertEquals(before, TrackerWork.running(), "reported");
        TrackerWork.jobReported();
        assertEquals(before, TrackerWork.running(), "a second report of the same worker counts nothing");

        // another worker's job is its own
        TrackerWork.jobStarted();
        Thread other = new Thread(TrackerWork::jobReported);
        other.start();
        other.join();
        assertEquals(before + 1, TrackerWork.running(), "a report on another thread does not end this thread's job");
        TrackerWork.jobReported();
        assertEquals(before, TrackerWork.running());
    }
}
