package io.graylane.bootstrap.http;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;

/**
 * What advice woven into Netflix Ribbon needs from graylane's ribbon plugin. While a Ribbon load balancer chooses a
 * server ({@code BaseLoadBalancer#chooseServer}, on the calling thread), the server lists its rule asks the load
 * balancer for ({@code getAllServers}, {@code getReachableServers}) are narrowed to the servers of the calling
 * request's lane by a {@link Handler}; outside a choice (pings, list updates, stats) the lists are left alone.
 * JDK-only; Ribbon objects travel as {@code Object}.
 */
public final class RibbonChoice {
    /** Implemented by the ribbon plugin. */
    public interface Handler {
        /**
         * {@code servers} (a {@code List<Server>}) narrowed for {@code lane} (null: baseline); {@code count}: the first
         * list of this choice, the one the lane metrics count.
         */
        Object forLane(Object servers, String lane, boolean count) throws Throwable;
    }

    /** Per thread: how deep in {@code chooseServer} calls, and whether this choice was counted. */
    private static final class Scope {
        int depth;
        boolean counted;
    }

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<Scope>() {
        @Override
        protected Scope initialValue() {
            return new Scope();
        }
    };
    private static volatile Handler handler;

    private RibbonChoice() {
    }

    /** Called once by the plugin at start-up. */
    public static void install(Handler h) {
        handler = h;
    }

    /** Entry of a load balancer's {@code chooseServer}. */
    public static void enter() {
        Scope s = SCOPE.get();
        if (s.depth++ == 0) {
            s.counted = false;
        }
    }

    /** Exit of a load balancer's {@code chooseServer} (also when it throws). */
    public static void exit() {
        Scope s = SCOPE.get();
        if (s.depth > 0) {
            s.depth--;
        }
    }

    /** A server list the load balancer returns: narrowed inside a choice, else as is. Never throws. */
    public static Object servers(Object servers) {
        Handler h = handler;
        if (h == null || servers == null) {
            return servers;
        }
        Scope s = SCOPE.get();
        if (s.depth == 0) {
            return servers;
        }
        try {
            String lane = LaneContext.currentLane();
            boolean count = !s.counted;
            s.counted = true;
            return h.forLane(servers, lane == null || lane.isEmpty() ? null : lane, count);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
            return servers;
        }
    }
}
