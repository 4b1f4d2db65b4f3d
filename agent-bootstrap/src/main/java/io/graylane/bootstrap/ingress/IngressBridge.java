package io.graylane.bootstrap.ingress;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;

/**
 * What ingress advice (servlet containers, woven into the application's classes) calls to color a request: the
 * handler lives in the agent's class loader (rules, trust checks, metrics) and is installed by the ingress plugin.
 * Requests and responses are passed as Object, so one bridge serves javax and jakarta servlets alike.
 */
public final class IngressBridge {
    /** Implemented in the agent's class loader. */
    public interface Handler {
        /**
         * Decides (or, for a nested or re-dispatched request, finds again) the lane of {@code request}, makes it the
         * current lane and returns the previous context for {@link LaneContext#restore}.
         */
        LaneSnapshot enter(Object request, Object response);
    }

    private static volatile Handler handler;

    private IngressBridge() {
    }

    public static void install(Handler h) {
        handler = h;
    }

    /** Never throws; returns what must be restored when the request's processing on this thread ends. */
    public static LaneSnapshot enter(Object request, Object response) {
        LaneSnapshot previous = LaneContext.current();
        Handler h = handler;
        if (h == null || request == null) {
            return previous;
        }
        try {
            return h.enter(request, response);
        } catch (Throwable t) {
            LaneContext.restore(previous);
            AgentBridge.adviceFailed(t);
            return previous;
        }
    }
}
