package io.graylane.bootstrap.http;

import io.graylane.bootstrap.AgentBridge;

/**
 * What advice woven into Spring Cloud needs from graylane's spring-cloud plugin: this node's lane (for its discovery
 * registration), the metadata key that carries it, and a {@link Handler} that wraps load-balancer instance suppliers
 * so they choose instances of the request's lane. JDK-only; Spring Cloud objects travel as {@code Object}.
 */
public final class HttpRouting {
    /** Instance metadata key naming the lane of a registered instance; absent on baseline instances. */
    public static final String METADATA_KEY = "graylane.lane";

    /** Implemented by the spring-cloud plugin. */
    public interface Handler {
        /** Returns a lane-aware wrapper of a {@code ServiceInstanceListSupplier}, or the supplier itself. */
        Object wrapSupplier(Object supplier) throws Throwable;
    }

    private static volatile Handler handler;
    private static volatile String nodeLane;

    private HttpRouting() {
    }

    /** Called once by the plugin at start-up; {@code lane} null or empty on baseline nodes. */
    public static void install(Handler h, String lane) {
        nodeLane = lane == null || lane.isEmpty() ? null : lane;
        handler = h;
    }

    /** This node's lane, null on baseline (and before the plugin started). */
    public static String nodeLane() {
        return nodeLane;
    }

    /** Never throws: on any failure the application's own supplier is kept. */
    public static Object wrapSupplier(Object supplier) {
        Handler h = handler;
        if (h == null || supplier == null) {
            return supplier;
        }
        try {
            return h.wrapSupplier(supplier);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return supplier;
        }
    }
}
