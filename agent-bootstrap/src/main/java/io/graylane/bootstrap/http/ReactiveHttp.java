package io.graylane.bootstrap.http;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;

/**
 * What advice woven into reactive HTTP (Spring WebFlux, Spring Cloud Gateway) needs from graylane's spring-cloud plugin.
 * The lane of a reactive request does not live on a thread: it is kept in the exchange's attributes and in the Reactor
 * Context of the exchange's processing under {@link #ATTRIBUTE}, as the request's {@link LaneSnapshot} or
 * {@link #BASELINE}. JDK-only; framework objects travel as {@code Object}. Every method here never throws.
 */
public final class ReactiveHttp {
    /** Exchange attribute, client-request attribute and Reactor Context key holding the lane of a reactive request. */
    public static final String ATTRIBUTE = "io.graylane.lane";
    /** The value of {@link #ATTRIBUTE} for a request decided baseline (there is no snapshot for baseline). */
    public static final String BASELINE = "baseline";

    /** Implemented by the spring-cloud plugin. */
    public interface Handler {
        /** Decides (once) the lane of a server exchange, stores it in its attributes; returns the decided snapshot. */
        LaneSnapshot colorExchange(Object exchange) throws Throwable;

        /** The exchange's processing ({@code Mono<Void>}) with the exchange's lane in its Reactor Context. */
        Object inContext(Object exchange, Object processing) throws Throwable;

        /** The headers a gateway sends downstream for {@code exchange}, with the exchange's lane header (and signature). */
        Object gatewayRequestHeaders(Object headers, Object exchange) throws Throwable;

        /** Puts graylane's lane filter first among a {@code WebClient.Builder}'s filters (once). */
        void prepareWebClient(Object builder) throws Throwable;

        /** A WebClient request about to be sent: a copy with the lane header of its lane (and signature). */
        Object clientRequest(Object request) throws Throwable;
    }

    private static volatile Handler handler;

    private ReactiveHttp() {
    }

    /** Called once by the plugin at start-up. */
    public static void install(Handler h) {
        handler = h;
    }

    /**
     * Entry of a server exchange's processing: decides its lane and makes it current on this thread for the synchronous
     * part; returns what was current, for {@link LaneContext#restore}.
     */
    public static LaneSnapshot enterExchange(Object exchange) {
        LaneSnapshot previous = LaneContext.current();
        Handler h = handler;
        if (h == null || exchange == null) {
            return previous;
        }
        try {
            LaneContext.swap(h.colorExchange(exchange));
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
        }
        return previous;
    }

    /** Exit of a server exchange's processing: the returned {@code Mono} carries the lane in its Reactor Context. */
    public static Object exitExchange(Object exchange, Object processing) {
        Handler h = handler;
        if (h == null || exchange == null || processing == null) {
            return processing;
        }
        try {
            return h.inContext(exchange, processing);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return processing;
        }
    }

    /** Exit of the gateway's request-header filtering: the lane header of the exchange's lane, signed when configured. */
    public static Object gatewayRequestHeaders(Object headers, Object exchange) {
        Handler h = handler;
        if (h == null || headers == null || exchange == null) {
            return headers;
        }
        try {
            return h.gatewayRequestHeaders(headers, exchange);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return headers;
        }
    }

    /** Entry of {@code WebClient.Builder#build()}: the clients it builds capture their calls' lane. */
    public static void prepareWebClient(Object builder) {
        Handler h = handler;
        if (h == null || builder == null) {
            return;
        }
        try {
            h.prepareWebClient(builder);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
        }
    }

    /** Entry of a WebClient's exchange function: the request to send, with the lane header. */
    public static Object clientRequest(Object request) {
        Handler h = handler;
        if (h == null || request == null) {
            return request;
        }
        try {
            return h.clientRequest(request);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return request;
        }
    }

    /**
     * The lane a value of {@link #ATTRIBUTE} names: its lane for a snapshot, {@code ""} for baseline, null when the value
     * is not one of ours (nothing decided).
     */
    public static String laneOf(Object attribute) {
        if (attribute instanceof LaneSnapshot) {
            return ((LaneSnapshot) attribute).lane();
        }
        return BASELINE.equals(attribute) ? "" : null;
    }
}
