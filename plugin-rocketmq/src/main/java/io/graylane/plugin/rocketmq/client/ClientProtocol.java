package io.graylane.plugin.rocketmq.client;

import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.Collection;
import java.util.List;

/**
 * The calls whose types moved between client 4.9.x ({@code org.apache.rocketmq.common.protocol}) and 5.x
 * ({@code org.apache.rocketmq.remoting.protocol}): one implementation per major version, compiled against it and
 * chosen by witness classes. Everything else in this package uses API both versions share (the reference check
 * proves it).
 */
public interface ClientProtocol {
    boolean broadcasting(DefaultMQPushConsumer consumer);

    boolean broadcasting(DefaultLitePullConsumer consumer);

    /** A {@code SubscriptionData} (typed per version) as the application made it. */
    ConsumerState.Sub subscription(Object subscriptionData);

    /** The topic of a {@code SubscriptionData}. */
    String topic(Object subscriptionData);

    /**
     * The committed offset of {@code group} on {@code mq} at broker {@code addr}; -1 when it has none.
     *
     * @param zeroIsOffset take a 0 answer at its word where the request cannot say "no default" (4.9.x)
     */
    long queryConsumerOffset(MQClientAPIImpl api, String addr, String group, MessageQueue mq, long timeoutMillis,
                             boolean zeroIsOffset) throws Exception;

    /** The consumers connected in {@code group} at {@code addr}; null when none is online. */
    GroupConnections connections(MQClientAPIImpl api, String addr, String group, long timeoutMillis) throws Exception;

    /** Sends the client's heartbeat (its groups and subscriptions) to every broker now (return type moved in 5.x). */
    void heartbeat(MQClientInstance factory);

    /**
     * The queues consumer {@code clientId} of {@code group} holds now (not dropped), from its running info: the broker
     * at {@code addr} asks the client itself.
     */
    java.util.Set<MessageQueue> heldQueues(MQClientAPIImpl api, String addr, String group, String clientId,
                                           long timeoutMillis) throws Exception;

    /** The consumer groups the broker at {@code addr} knows (its subscription group table). */
    Collection<String> subscriptionGroups(MQClientAPIImpl api, String addr, long timeoutMillis) throws Exception;

    /** What the live-lane check needs of a group's consumer connections, in version-free types. */
    final class GroupConnections {
        public final List<String> clientIds;
        /** The subscription expressions the group's consumers sent. */
        public final List<String> expressions;
        /** Whether the group consumes by pulling (lite pull: CONSUME_ACTIVELY). */
        public final boolean pulling;

        public GroupConnections(List<String> clientIds, List<String> expressions, boolean pulling) {
            this.clientIds = clientIds;
            this.expressions = expressions;
            this.pulling = pulling;
        }
    }
}
