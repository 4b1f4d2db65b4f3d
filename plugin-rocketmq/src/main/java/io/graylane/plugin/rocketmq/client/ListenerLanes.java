package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.bootstrap.mq.MqBridge;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.MessageListener;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a wrapped push listener does before each {@code consumeMessage} call: in client-side filter mode (broker
 * without SQL92) and in lane groups it drops the messages this consumer must not see; a drain leaves to the baseline
 * what the baseline sees again; every message is counted by lane; the first message's lane becomes current.
 * Wrapping the listener covers concurrent and orderly consumption, {@code consumeMessageDirectly} and pop
 * consumption, which the SDK's ConsumeMessageHook does not all see.
 */
final class ListenerLanes {
    private final ConsumerState state;
    /** Consumed (or drained) counters by lane label: labels are bounded, so is this; no allocation per message. */
    private final ConcurrentMap<String, Counter> counted = new ConcurrentHashMap<String, Counter>();

    private ListenerLanes(ConsumerState state) {
        this.state = state;
    }

    /** The consumer's listener calls (in flight, started, redeliveries). */
    ListenerCalls calls() {
        return state.calls;
    }

    static boolean isWrapped(MessageListener listener) {
        return listener instanceof LaneListenerConcurrently || listener instanceof LaneListenerOrderly;
    }

    /** Registers the wrapped {@code listener} on {@code consumer}; false when it is of no kind we know. */
    static boolean register(DefaultMQPushConsumer consumer, MessageListener listener, ConsumerState state) {
        ListenerLanes lanes = new ListenerLanes(state);
        // orderly first: the client itself prefers it when a listener is both
        if (listener instanceof MessageListenerOrderly) {
            consumer.registerMessageListener(new LaneListenerOrderly((MessageListenerOrderly) listener, lanes));
            return true;
        }
        if (listener instanceof MessageListenerConcurrently) {
            consumer.registerMessageListener(
                    new LaneListenerConcurrently((MessageListenerConcurrently) listener, lanes));
            return true;
        }
        return false;
    }

    /** The messages to hand to the listener; empty when none remain (the batch is then acknowledged). */
    List<MessageExt> select(List<MessageExt> msgs) {
        String key = MqBridge.property();
        if (state.clientFilter || state.gray()) {
            List<MessageExt> kept = new ArrayList<MessageExt>(msgs.size());
            for (MessageExt m : msgs) {
                String l = m.getProperty(key);
                if (state.keeps(l)) {
                    kept.add(m);
                } else if (state.clientFilter || !state.gray()) {
                    // a lane group's own safety net is not counted as client-side filtering
                    MetricRegistry.counter("graylane_mq_filtered_total",
                            "messages dropped by the client-side lane filter (broker without SQL92)",
                            "lane", l == null ? "" : LaneNames.label(l), "group", state.group).inc();
                }
            }
            msgs = kept;
        }
        Map<String, Long> ends = state.drainEnds;
        if (ends != null) {
            List<MessageExt> kept = new ArrayList<MessageExt>(msgs.size());
            for (MessageExt m : msgs) {
                Long end = ends.get(LaneDrains.queueKey(m.getTopic(), m.getBrokerName(), m.getQueueId()));
                if (end != null && m.getQueueOffset() >= end) {
                    MetricRegistry.counter("graylane_mq_drain_skipped_total",
                            "messages a drain left to the baseline group (stored after it included the lane again)",
                            "lane", LaneNames.label(state.lane)).inc();
                } else {
                    kept.add(m);
                }
            }
            msgs = kept;
        }
        return msgs;
    }

    private Counter counter(String label) {
        Counter c = counted.get(label);
        if (c == null) {
            c = MetricRegistry.counter(state.drain ? "graylane_mq_drained_total" : "graylane_mq_consumed_total",
                    state.drain ? "messages of a retired lane consumed by a baseline drain"
                            : "messages consumed, by the lane they carried (empty = baseline)",
                    "lane", label);
            Counter raced = counted.putIfAbsent(label, c);
            if (raced != null) {
                c = raced;
            }
        }
        return c;
    }

    /** Counts the messages by lane; returns the first one's lane (null = baseline). */
    String count(List<MessageExt> msgs) {
        String key = MqBridge.property();
        String first = null;
        for (int i = 0; i < msgs.size(); i++) {
            String l = msgs.get(i).getProperty(key);
            if (i == 0) {
                first = l;
            }
            counter(l == null ? "" : LaneNames.label(l)).inc();
        }
        return first;
    }
}
