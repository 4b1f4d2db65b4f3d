package io.graylane.plugin.servlet;

import io.graylane.bootstrap.node.WorkGauge;
import io.graylane.core.node.NodeWork;

/**
 * Servlet requests' part of the node lifecycle: the requests in flight, counted once per request at the container's
 * entry. Going offline changes nothing in the container itself — every request is still served; the readiness signal is
 * the health path ({@code graylane.node.health-path}) answering 503 while the node is offline — so stopping and resuming
 * have nothing to do here.
 */
final class ServletNodeWork implements NodeWork {
    @Override
    public String framework() {
        return "servlet";
    }

    @Override
    public void stopTakingWork() {
        // the health gate (HealthGate, set by the lifecycle) is the signal; requests keep being served
    }

    @Override
    public void resumeWork() {
        // idem
    }

    @Override
    public long inFlight() {
        return WorkGauge.SERVLET.inFlight();
    }

    @Override
    public long startedTotal() {
        return WorkGauge.SERVLET.started();
    }
}
