package io.graylane.bootstrap.http;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What advice woven into HTTP clients with immutable request objects (OkHttp, the JDK's {@code java.net.http}) needs
 * from graylane's http-clients plugin: the request about to be sent, replaced by a copy with the lane header of the
 * calling thread's lane ({@link OutboundHttp#applyLane}: signed when configured, an application-set header replaced,
 * removed on baseline). JDK-only; requests travel as {@code Object}. Never throws: on any failure the request goes out
 * as it was.
 */
public final class ClientRequests {
    /** OkHttp 3.x–5.x {@code okhttp3.Request}. */
    public static final int OKHTTP = 0;
    /** The JDK's {@code java.net.http.HttpRequest} (JDK 11+). */
    public static final int JDK = 1;

    /** Implemented by the http-clients plugin, one per client kind. */
    public interface Handler {
        /** {@code request} with the lane header of {@code lane} (null: baseline); the same object when nothing changes. */
        Object withLane(Object request, String lane) throws Throwable;
    }

    private static final AtomicReferenceArray<Handler> HANDLERS = new AtomicReferenceArray<Handler>(2);

    private ClientRequests() {
    }

    /** Called once per client kind by the plugin at start-up. */
    public static void install(int client, Handler handler) {
        HANDLERS.set(client, handler);
    }

    /** At the entry of the client method that takes the request to send: the request to send instead. */
    public static Object withLane(int client, Object request) {
        Handler h = HANDLERS.get(client);
        if (h == null || request == null) {
            return request;
        }
        try {
            String lane = LaneContext.currentLane();
            Object replaced = h.withLane(request, lane == null || lane.isEmpty() ? null : lane);
            return replaced == null ? request : replaced;
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return request;
        }
    }
}
