package io.graylane.core.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeLifecycleTest {
    final List<NodeWork> registered = new ArrayList<>();
    NodeLifecycle lifecycle = new NodeLifecycle(100);

    FakeWork work(String name) {
        FakeWork w = new FakeWork(name);
        NodeWorkRegistry.register(w);
        registered.add(w);
        return w;
    }

    @AfterEach
    void cleanUp() {
        lifecycle.online();
        registered.forEach(NodeWorkRegistry::unregister);
    }

    @Test
    void offlineStopsEveryFrameworkAndDrainsOnlyWhenNothingIsInFlight() throws Exception {
        FakeWork dubbo = work("dubbo");
        FakeWork servlet = work("servlet");
        dubbo.begin();
        NodeStatus s = lifecycle.offline();
        assertEquals(NodeState.OFFLINE, s.state());
        assertFalse(NodeLifecycle.isOnline());
        assertEquals(1, dubbo.stops.get());
        assertEquals(1, servlet.stops.get());
        assertEquals(1, s.inFlight());
        // the call in flight holds the node offline however long we wait
        assertFalse(lifecycle.awaitDrained(400).drained());
        dubbo.end();
        s = lifecycle.awaitDrained(10_000);
        assertTrue(s.drained());
        assertEquals(0, s.inFlight());
        assertTrue(s.toJson().contains("\"state\":\"drained\""), s.toJson());
        assertTrue(s.toJson().contains("{\"name\":\"dubbo\",\"inFlight\":0,\"stopped\":true,\"error\":null}"), s.toJson());
    }

    @Test
    void workThatStartsAndEndsBetweenLooksStillKeepsTheNodeFromDraining() throws Exception {
        FakeWork servlet = work("servlet");
        lifecycle.offline();
        // short requests keep arriving (discovery has not caught up): each one ends at once, inFlight reads 0
        long until = System.nanoTime() + 600_000_000L;
        while (System.nanoTime() < until) {
            servlet.begin();
            servlet.end();
            assertFalse(lifecycle.status().drained());
            Thread.sleep(10);
        }
        assertTrue(lifecycle.awaitDrained(10_000).drained());
    }

    @Test
    void newWorkAfterDrainedMakesTheNodeOfflineAgain() throws Exception {
        FakeWork servlet = work("servlet");
        lifecycle.offline();
        assertTrue(lifecycle.awaitDrained(10_000).drained());
        servlet.begin();
        assertEquals(NodeState.OFFLINE, lifecycle.status().state());
        servlet.end();
        assertTrue(lifecycle.awaitDrained(10_000).drained());
    }

    @Test
    void aFailingFrameworkIsReportedAndDoesNotStopTheOthers() throws Exception {
        FakeWork broken = work("broken");
        broken.failStop = true;
        FakeWork servlet = work("servlet");
        NodeStatus s = lifecycle.offline();
        assertEquals(1, servlet.stops.get());
        FrameworkStatus b = s.frameworks().stream().filter(f -> f.framework().equals("broken")).findFirst().get();
        assertFalse(b.stopped());
        assertNotNull(b.error());
        assertTrue(b.error().contains("registry unreachable"), b.error());
        // not stopped: never reported drained
        assertFalse(lifecycle.awaitDrained(400).drained());
        // online clears the failure and resumes everyone
        s = lifecycle.online();
        assertEquals(NodeState.ONLINE, s.state());
        assertEquals(1, broken.resumes.get());
        assertEquals(1, servlet.resumes.get());
        assertNull(s.frameworks().get(0).error());
    }

    @Test
    void aFrameworkThatStartsWhileTheNodeIsOfflineIsStoppedToo() throws Exception {
        lifecycle.offline();
        FakeWork late = work("late");
        assertTrue(lifecycle.awaitDrained(10_000).drained());
        assertEquals(1, late.stops.get());
    }

    @Test
    void onlineResumesAndRepeatedCallsAreHarmless() {
        FakeWork dubbo = work("dubbo");
        lifecycle.offline();
        lifecycle.offline();
        assertEquals(1, dubbo.stops.get());
        assertEquals(NodeState.ONLINE, lifecycle.online().state());
        lifecycle.online();
        assertEquals(1, dubbo.resumes.get());
        assertTrue(NodeLifecycle.isOnline());
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertEquals(500, Durations.toMillis("500ms"));
        assertEquals(30_000, Durations.toMillis("30s"));
        assertEquals(30_000, Durations.toMillis("30"));
        assertEquals(120_000, Durations.toMillis("2m"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Durations.toMillis("soon"));
        assertTrue(e.getMessage().contains("soon"));
    }
}
