package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.mq.MqBridge;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

import java.util.List;

/** The application's {@code MessageListenerConcurrently}, run in the lane of each batch's first message. */
final class LaneListenerConcurrently implements MessageListenerConcurrently {
    private final MessageListenerConcurrently delegate;
    private final ListenerLanes lanes;

    LaneListenerConcurrently(MessageListenerConcurrently delegate, ListenerLanes lanes) {
        this.delegate = delegate;
        this.lanes = lanes;
    }

    MessageListenerConcurrently delegate() {
        return delegate;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context) {
        List<MessageExt> batch = msgs;
        String lane = null;
        try {
            batch = lanes.select(msgs);
            if (batch.isEmpty()) {
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            }
            lane = lanes.count(batch);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
        }
        ListenerCalls.QueueConsumption call = lanes.calls().begin(batch, context.getMessageQueue());
        ConsumeConcurrentlyStatus result = null;
        LaneSnapshot previous = LaneContext.swap(MqBridge.snapshotOf(lane));
        try {
            result = delegate.consumeMessage(batch, context);
            return result;
        } finally {
            LaneContext.restore(previous);
            lanes.calls().end(call, batch, result == ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        }
    }

    @Override
    public String toString() {
        return "graylane(" + delegate + ")";
    }
}
