package io.graylane.plugin.rocketmq.client4;

import io.graylane.plugin.rocketmq.client.ClientProtocol;
import io.graylane.plugin.rocketmq.client.ConsumerState;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.Connection;
import org.apache.rocketmq.common.protocol.body.ConsumerConnection;
import org.apache.rocketmq.common.protocol.header.QueryConsumerOffsetRequestHeader;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link ClientProtocol} for rocketmq-client 4.9.x (protocol types under {@code org.apache.rocketmq.common.protocol}). */
public final class Client4Protocol implements ClientProtocol {
    @Override
    public boolean broadcasting(DefaultMQPushConsumer consumer) {
        return consumer.getMessageModel() == MessageModel.BROADCASTING;
    }

    @Override
    public boolean broadcasting(DefaultLitePullConsumer consumer) {
        return consumer.getMessageModel() == MessageModel.BROADCASTING;
    }

    @Override
    public ConsumerState.Sub subscription(Object subscriptionData) {
        SubscriptionData sd = (SubscriptionData) subscriptionData;
        return new ConsumerState.Sub(sd.getExpressionType(), sd.getSubString());
    }

    @Override
    public String topic(Object subscriptionData) {
        return ((SubscriptionData) subscriptionData).getTopic();
    }

    @Override
    public long queryConsumerOffset(MQClientAPIImpl api, String addr, String group, MessageQueue mq,
                                    long timeoutMillis, boolean zeroIsOffset) throws Exception {
        QueryConsumerOffsetRequestHeader header = new QueryConsumerOffsetRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        // 4.9.x cannot ask for "no default": a queue the group never committed answers 0
        long v = api.queryConsumerOffset(addr, header, timeoutMillis);
        return v == 0 && !zeroIsOffset ? -1 : v;
    }

    @Override
    public GroupConnections connections(MQClientAPIImpl api, String addr, String group, long timeoutMillis)
            throws Exception {
        ConsumerConnection conn = api.getConsumerConnectionList(addr, group, timeoutMillis);
        List<String> ids = new ArrayList<String>();
        for (Connection c : conn.getConnectionSet()) {
            ids.add(c.getClientId());
        }
        List<String> expressions = new ArrayList<String>();
        for (SubscriptionData sd : conn.getSubscriptionTable().values()) {
            expressions.add(sd.getSubString());
        }
        return new GroupConnections(ids, expressions, conn.getConsumeType() == ConsumeType.CONSUME_ACTIVELY);
    }

    @Override
    public Collection<String> subscriptionGroups(MQClientAPIImpl api, String addr, long timeoutMillis)
            throws Exception {
        return api.getAllSubscriptionGroup(addr, timeoutMillis).getSubscriptionGroupTable().keySet();
    }

    @Override
    public void heartbeat(MQClientInstance factory) {
        factory.sendHeartbeatToAllBrokerWithLock();
    }

    @Override
    public java.util.Set<MessageQueue> heldQueues(MQClientAPIImpl api, String addr, String group, String clientId,
                                                  long timeoutMillis) throws Exception {
        org.apache.rocketmq.common.protocol.body.ConsumerRunningInfo info = api.getConsumerRunningInfo(addr, group, clientId, false, timeoutMillis);
        java.util.Set<MessageQueue> held = new java.util.HashSet<MessageQueue>();
        if (info != null && info.getMqTable() != null) {
            for (java.util.Map.Entry<MessageQueue, org.apache.rocketmq.common.protocol.body.ProcessQueueInfo> e : info.getMqTable().entrySet()) {
                if (!e.getValue().isDroped()) {
                    held.add(e.getKey());
                }
            }
        }
        return held;
    }
}
