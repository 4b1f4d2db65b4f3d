package io.graylane.plugin.rocketmq.client;

import io.graylane.plugin.rocketmq.LaneExpressions;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.MessageListener;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.consumer.DefaultLitePullConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** What the plugin knows about one consumer (an application's, or one of its own drain consumers). */
public final class ConsumerState {
    /** One topic's subscription as the application made it. */
    public static final class Sub {
        final String type;
        final String expression;

        public Sub(String type, String expression) {
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

    /** Exactly one of push and lite is set. */
    final DefaultMQPushConsumer push;
    final DefaultLitePullConsumer lite;
    /** The lite-pull consumer's implementation (its subscriptions), handed over by the start advice. */
    final DefaultLitePullConsumerImpl liteImpl;
    /** The group the application configured. */
    final String baseGroup;
    /** The group the consumer runs in (the lane group on a gray node, and for drains). */
    volatile String group;
    /** The lane this consumer consumes: the node's lane, the drained lane, or null (baseline). */
    final String lane;
    final boolean drain;
    final Map<String, Sub> subs = new LinkedHashMap<String, Sub>();
    /** The application's listener before wrapping (push consumers). */
    volatile MessageListener userListener;
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
    /** Listener calls of a push consumer: in flight, started, redeliveries. */
    final ListenerCalls calls = new ListenerCalls(this);
    /** The node is offline: this consumer stopped pulling (and leaves, or left, its group). Guarded by the node work. */
    volatile boolean offline;
    /** The in-memory offsets at the leaver's last look (offline, before leaving). */
    volatile java.util.Map<org.apache.rocketmq.common.message.MessageQueue, Long> leaveOffsets;
    /** Offline and out of the group: queues released, offsets committed, unregistered from the brokers. */
    volatile boolean left;
    /** When the last change of live lanes was applied, and the change. */
    volatile long lastSwitchMillis;

    ConsumerState(DefaultMQPushConsumer push, DefaultLitePullConsumer lite, DefaultLitePullConsumerImpl liteImpl,
                  String baseGroup, String lane, boolean drain) {
        this.push = push;
        this.lite = lite;
        this.liteImpl = liteImpl;
        this.baseGroup = baseGroup;
        this.group = baseGroup;
        this.lane = lane;
        this.drain = drain;
    }

    Object consumer() {
        return push != null ? push : lite;
    }

    boolean isLite() {
        return lite != null;
    }

    void setConsumerGroup(String g) {
        if (push != null) {
            push.setConsumerGroup(g);
        } else {
            lite.setConsumerGroup(g);
        }
    }

    /** Subscribes {@code topic} with a tag expression. */
    void subscribeTags(String topic, String expression) throws MQClientException {
        if (push != null) {
            push.subscribe(topic, expression);
        } else {
            lite.subscribe(topic, expression);
        }
    }

    void subscribeSql(String topic, String sql) throws MQClientException {
        if (push != null) {
            push.subscribe(topic, MessageSelector.bySql(sql));
        } else {
            lite.subscribe(topic, MessageSelector.bySql(sql));
        }
    }

    /** The application's own subscription of {@code topic}, as it made it. */
    void subscribeAsApplication(String topic, Sub sub) throws MQClientException {
        if (sub.isSql()) {
            subscribeSql(topic, sub.expression);
        } else {
            subscribeTags(topic, sub.expression);
        }
    }

    /**
     * The client instance (null before start). Lite pull keeps its own private; the client manager hands out the same
     * instance for the same client id, which start() fixed.
     */
    MQClientInstance clientFactory() {
        if (push != null) {
            return push.getDefaultMQPushConsumerImpl().getmQClientFactory();
        }
        return started ? MQClientManager.getInstance().getOrCreateMQClientInstance(lite) : null;
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
        return (drain ? "drain " : lane != null ? "gray " : "baseline ") + (lite != null ? "lite-pull" : "push") + " consumer of "
                + group + (lane != null ? " (lane " + lane + ")" : "");
    }
}
