package io.graylane.bootstrap.node;

import io.graylane.bootstrap.AgentBridge;

/**
 * The readiness signal of a node that is offline: while {@link #offline} is set (by the node lifecycle), servlet advice
 * asks the handler whether a request is for the configured health path, which it then answers 503 itself; every other
 * request is served as usual. While the node is online this costs one volatile read per request.
 */
public final class HealthGate {
    /** Implemented by the servlet plugin in the agent's class loader. */
    public interface Handler {
        /** True when {@code request} was for the health path and {@code response} now says 503. */
        boolean answerOffline(Object request, Object response) throws Throwable;
    }

    private static volatile boolean offline;
    private static volatile Handler handler;

    private HealthGate() {
    }

    public static void offline(boolean value) {
        offline = value;
    }

    public static boolean isOffline() {
        return offline;
    }

    public static void install(Handler h) {
        handler = h;
    }

    /** Never throws; false: serve the request as usual. */
    public static boolean answer(Object request, Object response) {
        if (!offline) {
            return false;
        }
        Handler h = handler;
        if (h == null || request == null || response == null) {
            return false;
        }
        try {
            if (h.answerOffline(request, response)) {
                WorkGauge.SERVLET.discountCurrent();
                return true;
            }
            return false;
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return false;
        }
    }
}
