package io.graylane.plugin.rocketmq.client;

import io.graylane.core.logging.AgentLogger;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Where a lane group's queue starts (lane start, nothing lost): a gray consumer that starts a lane begins where the
 * baseline group stands, or earlier; a drain begins at the lane group's own offsets.
 */
final class LaneStartOffsets {
    /** Instance-name mark of the plugin's own drain consumers: their connections never make a lane live. */
    static final String DRAIN_MARK = "graylane-drain";
    /** How long after its start a gray consumer's queues may still start from the baseline's position. */
    private static final long FRESH_WINDOW_MILLIS = 60000;

    private final ConsumerRegistry registry;
    private final BrokerQueries broker;

    LaneStartOffsets(ConsumerRegistry registry, BrokerQueries broker) {
        this.registry = registry;
        this.broker = broker;
    }

    /** Exit of {@code readOffset(mq, READ_FROM_STORE)}: the offset {@code mq} starts from for {@code group}. */
    long storeOffset(RemoteBrokerOffsetStore store, MQClientInstance factory, String group, MessageQueue mq,
                     long offset) throws Exception {
        ConsumerState s = group == null ? null : registry.laneGroup(group);
        if (s == null || factory == null) {
            return offset;
        }
        String topic = mq.getTopic();
        if (topic.startsWith("%RETRY%") || topic.startsWith("%DLQ%")) {
            return offset;
        }
        long lane = broker.committed(factory, group, mq);
        long start;
        if (s.drain) {
            start = lane > 0 ? lane : offset;
        } else {
            long base = broker.committed(factory, s.baseGroup, mq);
            boolean fresh = fresh(s, factory);
            if (lane > 0) {
                start = fresh && base >= 0 ? Math.min(lane, base) : lane;
            } else if (base >= 0) {
                start = base;
            } else {
                // neither group has consumed this queue: the baseline will skip the lane's messages from wherever it
                // starts, so the lane group takes them all
                start = broker.minOffset(factory, mq);
            }
        }
        if (start != offset) {
            store.updateOffset(mq, start, false);
            AgentLogger.debug("rocketmq: " + s + ": " + mq + " starts at " + start + " (store said " + offset + ")");
        }
        if (!s.drain && start >= 0) {
            // committed at once: baseline consumers count the lane as live only once every queue of the lane group
            // has a committed offset, so they never skip a lane message before the lane group's start is fixed
            store.updateConsumeOffsetToBroker(mq, start, false);
        }
        return start;
    }

    /** Whether this gray consumer started a lane that had no other live consumer (asked once, shortly after start). */
    private boolean fresh(ConsumerState s, MQClientInstance factory) throws Exception {
        if (System.currentTimeMillis() - s.createdMillis > FRESH_WINDOW_MILLIS) {
            return false;
        }
        Boolean f = s.freshLane;
        if (f == null) {
            String self = factory.getClientId();
            boolean others = false;
            for (String topic : s.subs.keySet()) {
                String addr = factory.findBrokerAddrByTopic(topic);
                if (addr != null) {
                    for (String id : broker.consumerIds(factory, addr, s.group)) {
                        if (!id.equals(self) && id.indexOf(DRAIN_MARK) < 0) {
                            others = true;
                        }
                    }
                    break;
                }
            }
            f = !others;
            s.freshLane = f;
            AgentLogger.info("rocketmq: " + s + ": " + (f ? "first live consumer of lane " + s.lane
                    + ": queues start where " + s.baseGroup + " stands, or earlier" : "lane already live: queues start at "
                    + s.group + "'s own offsets"));
        }
        return f;
    }
}
