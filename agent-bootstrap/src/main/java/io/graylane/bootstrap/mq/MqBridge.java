package io.graylane.bootstrap.mq;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What advice woven into the RocketMQ client needs from graylane's RocketMQ plugin, which lives in the agent's own
 * class loader: the lane property name, per-lane counters, and a {@link Handler} for the consumer life cycle. Every
 * entry point here swallows what the handler throws (the host comes first). RocketMQ objects travel as
 * {@code Object}: this class is JDK-only.
 */
public final class MqBridge {
    /** Implemented by the RocketMQ plugin. */
    public interface Handler {
        /**
         * Entry of {@code DefaultMQPushConsumer.start()} / {@code DefaultLitePullConsumer.start()}; {@code liteImpl}
         * is the lite-pull consumer's implementation object (null for push consumers).
         */
        void consumerStarting(Object consumer, Object liteImpl) throws Throwable;

        /** Exit of start(); returns what start() should throw (null: return normally). */
        Throwable consumerStarted(Object consumer, Throwable thrown) throws Throwable;

        /** Entry of shutdown(). */
        void consumerShutdown(Object consumer) throws Throwable;

        /**
         * Exit of {@code RemoteBrokerOffsetStore.readOffset(mq, READ_FROM_STORE)}: the offset a queue starts from
         * ({@code clientFactory} is the store's client instance).
         */
        long storeOffset(Object offsetStore, Object clientFactory, String group, Object messageQueue, long offset)
                throws Throwable;

        /** Exit of lite-pull {@code poll()}: may filter the list (client-side fallback); returns the list to return. */
        List<?> polled(Object consumer, List<?> messages) throws Throwable;
    }

    private static final Counter INVALID = MetricRegistry.counter("graylane_mq_invalid_lane_total",
            "messages whose lane property is not a lane name (consumed as baseline)");
    private static final ConcurrentMap<String, Counter> STAMPED = new ConcurrentHashMap<String, Counter>();
    private static volatile Handler handler;
    private static volatile String property = "graylane_lane";

    private MqBridge() {
    }

    /** Called once by the plugin at start-up. */
    public static void install(Handler h, String propertyName) {
        if (propertyName != null && !propertyName.isEmpty()) {
            property = propertyName;
        }
        handler = h;
    }

    /** The user property that carries the lane on a message. */
    public static String property() {
        return property;
    }

    /** Counts one message stamped with {@code lane} by the producer advice (label: {@link LaneNames#label}). */
    public static void stamped(String lane) {
        try {
            String label = LaneNames.label(lane);
            Counter c = STAMPED.get(label);
            if (c == null) {
                c = MetricRegistry.counter("graylane_mq_stamped_total",
                        "messages the producer advice stamped with the current lane", "lane", label);
                Counter raced = STAMPED.putIfAbsent(label, c);
                if (raced != null) {
                    c = raced;
                }
            }
            c.inc();
        } catch (Throwable ignored) {
            // never hurt the send
        }
    }

    /**
     * The snapshot of a lane read from a message ({@link LaneNames#fromWire}): null for an absent or empty value
     * (baseline), and null and counted in {@code graylane_mq_invalid_lane_total} for a value that is not a lane name.
     */
    public static LaneSnapshot snapshotOf(String lane) {
        try {
            return LaneNames.fromWire(lane, LaneSnapshot.ORIGIN_MESSAGE, INVALID);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void consumerStarting(Object consumer, Object liteImpl) {
        Handler h = handler;
        if (h != null) {
            try {
                h.consumerStarting(consumer, liteImpl);
            } catch (Throwable t) {
                AgentBridge.adviceFailed(t);
            }
        }
    }

    public static Throwable consumerStarted(Object consumer, Throwable thrown) {
        Handler h = handler;
        if (h != null) {
            try {
                return h.consumerStarted(consumer, thrown);
            } catch (Throwable t) {
                AgentBridge.adviceFailed(t);
            }
        }
        return thrown;
    }

    public static void consumerShutdown(Object consumer) {
        Handler h = handler;
        if (h != null) {
            try {
                h.consumerShutdown(consumer);
            } catch (Throwable t) {
                AgentBridge.adviceFailed(t);
            }
        }
    }

    public static long storeOffset(Object offsetStore, Object clientFactory, String group, Object messageQueue,
                                   long offset) {
        Handler h = handler;
        if (h != null) {
            try {
                return h.storeOffset(offsetStore, clientFactory, group, messageQueue, offset);
            } catch (Throwable t) {
                AgentBridge.adviceFailed(t);
            }
        }
        return offset;
    }

    /**
     * Exit of lite-pull poll(): lets the plugin filter the list (client-side fallback). The advice then makes the lane of
     * the first message current on this thread until the next poll ({@link #enterPolledLane}).
     */
    public static List<?> polled(Object consumer, List<?> messages) {
        List<?> result = messages;
        Handler h = handler;
        if (h != null) {
            try {
                result = h.polled(consumer, messages);
            } catch (Throwable t) {
                AgentBridge.adviceFailed(t);
                result = messages;
            }
        }
        return result;
    }

    /** Sets the current lane for what follows a poll(); null = baseline. */
    public static void enterPolledLane(String lane) {
        LaneContext.swap(snapshotOf(lane));
    }
}
