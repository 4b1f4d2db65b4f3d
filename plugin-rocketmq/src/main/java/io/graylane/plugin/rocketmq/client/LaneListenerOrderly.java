package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.mq.MqBridge;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;

import java.util.List;

/** The application's {@code MessageListenerOrderly}, run in the lane of each batch's first message. */
final class LaneListenerOrderly implements MessageListenerOrderly {
    private final MessageListenerOrderly delegate;
    private final ListenerLanes lanes;

    LaneListenerOrderly(MessageListenerOrderly delegate, ListenerLanes lanes) {
        this.delegate = delegate;
        this.lanes = lanes;
    }

    MessageListenerOrderly delegate() {
        return delegate;
    }

    @Override
    public ConsumeOrderlyStatus consumeMessage(List<MessageExt> msgs, ConsumeOrderlyContext context) {
        List<MessageExt> batch = msgs;
        String lane = null;
        try {
            batch = lanes.select(msgs);
            if (batch.isEmpty()) {
                return ConsumeOrderlyStatus.SUCCESS;
            }
            lane = lanes.count(batch);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
        }
        ListenerCalls.QueueConsumption call = lanes.calls().begin(batch, context.getMessageQueue());
        ConsumeOrderlyStatus result = null;
        LaneSnapshot previous = LaneContext.swap(MqBridge.snapshotOf(lane));
        try {
            result = delegate.consumeMessage(batch, context);
            return result;
        } finally {
            LaneContext.restore(previous);
            lanes.calls().end(call, batch, result == ConsumeOrderlyStatus.SUCCESS || result == ConsumeOrderlyStatus.COMMIT);
        }
    }

    @Override
    public String toString() {
        return "graylane(" + delegate + ")";
    }
}
