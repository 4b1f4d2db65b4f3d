package io.graylane.bootstrap.http;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;

/**
 * What advice woven into Reactor Netty's {@code HttpClient} needs from graylane's http-clients plugin. A Reactor Netty
 * request is subscribed on one thread and sent later on an event loop, so its lane travels in the Reactor Context of
 * the subscription under {@link ReactiveHttp#ATTRIBUTE}: put there at subscription from the subscribing thread's lane
 * when the context does not already say (a WebFlux exchange, a WebClient call, a gateway route do), and read where the
 * request's headers are final (the {@code REQUEST_PREPARED} state) to set or remove the lane header. JDK-only;
 * framework objects travel as {@code Object}. Never throws: on any failure the request goes out as it was.
 */
public final class ReactorNettyRequests {
    /** Implemented by the http-clients plugin. */
    public interface Handler {
        /**
         * The subscriber to subscribe to {@code connect} (the request's connection publisher) instead of
         * {@code actual}: one whose context carries {@code lane} (null: none known).
         */
        Object subscriber(Object connect, Object actual, LaneSnapshot lane) throws Throwable;

        /** A state change of a client connection: on {@code REQUEST_PREPARED}, the lane header of the request's lane. */
        void stateChanged(Object connection, Object state) throws Throwable;
    }

    private static volatile Handler handler;

    private ReactorNettyRequests() {
    }

    /** Called once by the plugin at start-up. */
    public static void install(Handler h) {
        handler = h;
    }

    /** Entry of the subscription of a request's connection: the subscriber to use instead. */
    public static Object subscribing(Object connect, Object actual) {
        Handler h = handler;
        if (h == null || connect == null || actual == null) {
            return actual;
        }
        try {
            Object replaced = h.subscriber(connect, actual, LaneContext.current());
            return replaced == null ? actual : replaced;
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return actual;
        }
    }

    /** Entry of a client connection's state change. */
    public static void stateChanged(Object connection, Object state) {
        Handler h = handler;
        if (h == null || connection == null) {
            return;
        }
        try {
            h.stateChanged(connection, state);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
        }
    }
}
