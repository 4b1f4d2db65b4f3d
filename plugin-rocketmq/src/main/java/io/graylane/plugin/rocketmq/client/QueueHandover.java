package io.graylane.plugin.rocketmq.client;

import io.graylane.core.logging.AgentLogger;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.List;
import java.util.Set;

/**
 * A queue changes hands cleanly. The client's rebalance gives a queue to a consumer that joined (a node started or
 * came back online) while the consumer that had it still consumes it: both consume from the same offsets until the old
 * owner's rebalance drops it, and the new one starts from an offset the old owner committed up to one pull earlier.
 * So before a push consumer of this node starts a queue from the broker's committed offset, it waits until no other
 * consumer of the group holds that queue (asked through the broker: the client's running info), at most
 * {@link #MAX_WAIT_MILLIS}, and then reads the committed offset again: the old owner committed it when it released the
 * queue. What the old owner still consumes after that is counted there as redelivered.
 */
final class QueueHandover {
    static final long MAX_WAIT_MILLIS = 10000;
    private static final long POLL_MILLIS = 50;

    private final BrokerQueries broker;

    QueueHandover(BrokerQueries broker) {
        this.broker = broker;
    }

    /**
     * Exit of {@code readOffset(mq, READ_FROM_STORE)} for an application's push consumer: the offset {@code mq}
     * starts from, once the previous owner released it.
     */
    long startOffset(ConsumerState s, RemoteBrokerOffsetStore store, MQClientInstance factory, MessageQueue mq,
                     long offset) throws Exception {
        if (!awaitReleased(s, factory, mq)) {
            return offset;
        }
        long committed = broker.committed(factory, s.group, mq, true);
        if (committed >= 0 && committed != offset) {
            store.updateOffset(mq, committed, false);
            AgentLogger.debug("rocketmq: " + s + ": " + mq + " handed over at " + committed + " (was " + offset + ")");
            return committed;
        }
        return offset;
    }

    /** Whether another consumer held {@code mq} when asked (and the wait for its release was needed). */
    private boolean awaitReleased(ConsumerState s, MQClientInstance factory, MessageQueue mq) throws Exception {
        String addr = factory.findBrokerAddrByTopic(mq.getTopic());
        if (addr == null) {
            return false;
        }
        String self = factory.getClientId();
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        boolean waited = false;
        while (true) {
            String holder = holder(factory, addr, s.group, mq, self);
            if (holder == null) {
                return waited;
            }
            if (System.currentTimeMillis() >= deadline) {
                AgentLogger.warn("rocketmq: " + s + ": " + mq + " still held by " + holder + " after "
                        + MAX_WAIT_MILLIS + " ms; consuming it from the committed offset (duplicates possible)");
                return true;
            }
            waited = true;
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The other consumer of the group that holds {@code mq} now, or null. */
    private String holder(MQClientInstance factory, String addr, String group, MessageQueue mq, String self)
            throws Exception {
        List<String> ids = broker.consumerIds(factory, addr, group);
        for (String id : ids) {
            if (id.equals(self)) {
                continue;
            }
            Set<MessageQueue> held;
            try {
                held = broker.protocol().heldQueues(factory.getMQClientAPIImpl(), addr, group, id,
                        BrokerQueries.TIMEOUT);
            } catch (Exception e) {
                // a consumer that cannot answer (gone, or an old client) holds nothing we can wait for
                continue;
            }
            if (held.contains(mq)) {
                return id;
            }
        }
        return null;
    }
}
