package io.graylane.plugin.servlet;

import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.core.ingress.IngressColoring;

/**
 * What the servlet plugin asks of its typed helpers, one per servlet API flavour ({@code javax.servlet},
 * {@code jakarta.servlet}) and application class loader: decide (or find again) the lane of a request, make it
 * current, and return the previous context.
 */
public interface ServletFlavor {
    /** Request attribute holding the decided lane: a LaneSnapshot, or {@link #BASELINE}. */
    String ATTRIBUTE = "io.graylane.lane";
    String BASELINE = "baseline";

    LaneSnapshot enter(IngressColoring coloring, Object request, Object response);

    /**
     * The node is offline: when {@code request}'s URI is {@code healthPath}, answers 503 and returns true (the
     * application does not see it); otherwise false.
     */
    boolean answerOffline(String healthPath, Object request, Object response) throws java.io.IOException;
}
