package io.graylane.core.node;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A framework's work, driven by the test. */
class FakeWork implements NodeWork {
    final String name;
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong started = new AtomicLong();
    final AtomicInteger stops = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();
    volatile boolean failStop;

    FakeWork(String name) {
        this.name = name;
    }

    void begin() {
        started.incrementAndGet();
        inFlight.incrementAndGet();
    }

    void end() {
        inFlight.decrementAndGet();
    }

    @Override
    public String framework() {
        return name;
    }

    @Override
    public void stopTakingWork() {
        stops.incrementAndGet();
        if (failStop) {
            throw new IllegalStateException("registry unreachable");
        }
    }

    @Override
    public void resumeWork() {
        resumes.incrementAndGet();
    }

    @Override
    public long inFlight() {
        return inFlight.get();
    }

    @Override
    public long startedTotal() {
        return started.get();
    }
}
