package io.graylane.plugin.rocketmq;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** What the plugin knows about one consumer (an application's, or one of its own drain consumers). */
final class ConsumerState {
    /** One topic's subscription as the application made it. */
    static final class Sub {
        final String type;
        final String expression;

        Sub(String type, String expression) {
            this.type = type == null ? LaneExpressions.TYPE_TAG : type;
            this.expression = expression == null ? "*" : expression;
        }

        boolean isSql() {
            return LaneExpressions.TYPE_SQL92.equalsIgnoreCase(type);
        }

        @Override
        public String toString() {
            return type + ":" + expression;
        }
    }

    final Object consumer;
    final boolean lite;
    final ClassLoader loader;
    /** The group the application configured. */
    final String baseGroup;
    /** The group the consumer runs in (the lane group on a gray node, and for drains). */
    volatile String group;
    /** The lane this consumer consumes: the node's lane, the drained lane, or null (baseline). */
    final String lane;
    final boolean drain;
    final Map<String, Sub> subs = new LinkedHashMap<String, Sub>();
    /** The application's listener before wrapping (push consumers). */
    volatile Object userListener;
    /** Lanes with live consumers, excluded by a baseline consumer. */
    volatile Set<String> liveLanes = Collections.emptySet();
    /** SQL92 unavailable on the broker: filter in the listener / poll instead. */
    volatile boolean clientFilter;
    /** null until the broker was asked. */
    volatile Boolean sql92;
    volatile boolean started;
    final long createdMillis = System.currentTimeMillis();
    /** Gray consumers: whether the lane had no other live consumer when this one started (null: not asked yet). */
    volatile Boolean freshLane;
    /** Baseline consumers: running drains by lane. */
    final ConcurrentMap<String, Drain> drains = new ConcurrentHashMap<String, Drain>();
    /** Drains: per queue (topic@broker#queue), the offset from which the baseline has the lane's messages again. */
    volatile Map<String, Long> drainEnds;
    /** When the last change of live lanes was applied, and the change. */
    volatile long lastSwitchMillis;

    ConsumerState(Object consumer, boolean lite, String baseGroup, String lane, boolean drain) {
        this.consumer = consumer;
        this.lite = lite;
        this.loader = consumer.getClass().getClassLoader();
        this.baseGroup = baseGroup;
        this.group = baseGroup;
        this.lane = lane;
        this.drain = drain;
    }

    boolean gray() {
        return lane != null && !drain;
    }

    boolean baseline() {
        return lane == null && !drain;
    }

    /** Client-side filter: does this consumer keep a message of {@code msgLane} (null = untagged)? */
    boolean keeps(String msgLane) {
        if (lane != null) {
            return lane.equals(msgLane);
        }
        return msgLane == null || !liveLanes.contains(msgLane);
    }

    static Set<String> sorted(Set<String> s) {
        return Collections.unmodifiableSet(new TreeSet<String>(s));
    }

    @Override
    public String toString() {
        return (drain ? "drain " : lane != null ? "gray " : "baseline ") + (lite ? "lite-pull" : "push") + " consumer of "
                + group + (lane != null ? " (lane " + lane + ")" : "");
    }
}
