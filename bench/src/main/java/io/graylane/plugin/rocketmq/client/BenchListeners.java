package io.graylane.plugin.rocketmq.client;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;

/**
 * Benchmark access to the RocketMQ plugin's package-private listener wrapper (bench only; this package is the
 * plugin's): registers {@code listener} wrapped on a push consumer that is never started, as the plugin does at
 * {@code start()}, and returns the registered wrapper ({@code LaneListenerConcurrently}).
 */
public final class BenchListeners {
    private BenchListeners() {
    }

    /** The wrapper of a baseline node's consumer ({@code lane} null) or a gray node's ({@code lane} set). */
    public static MessageListenerConcurrently wrapped(MessageListenerConcurrently listener, String group, String lane) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        ConsumerState state = new ConsumerState(consumer, null, null, group, lane, false);
        if (!ListenerLanes.register(consumer, listener, state)) {
            throw new IllegalStateException("listener not wrapped");
        }
        return (MessageListenerConcurrently) consumer.getMessageListener();
    }
}
