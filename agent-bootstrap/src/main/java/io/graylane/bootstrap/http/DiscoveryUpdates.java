package io.graylane.bootstrap.http;

import io.graylane.bootstrap.AgentBridge;

/**
 * What advice woven into the Nacos naming client calls when the client's view of a service changed (a push from the
 * server, or a query's answer): the spring-cloud plugin's {@link Handler} records it, so a load-balancer instance list
 * cached before the change is not used after it (an instance that left discovery — a node taken offline — is no longer
 * chosen). JDK-only; the Nacos {@code ServiceInfo} travels as {@code Object}. Never throws.
 */
public final class DiscoveryUpdates {
    /** Implemented by the spring-cloud plugin. */
    public interface Handler {
        /** @param serviceInfo the naming client's current view of one service */
        void updated(Object serviceInfo) throws Throwable;
    }

    private static volatile Handler handler;

    private DiscoveryUpdates() {
    }

    public static void install(Handler h) {
        handler = h;
    }

    public static void updated(Object serviceInfo) {
        Handler h = handler;
        if (h == null || serviceInfo == null) {
            return;
        }
        try {
            h.updated(serviceInfo);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
        }
    }
}
