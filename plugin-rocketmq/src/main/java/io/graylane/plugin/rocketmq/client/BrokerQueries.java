package io.graylane.plugin.rocketmq.client;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.impl.FindBrokerResult;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The broker admin queries the plugin makes through an application's client instance. */
final class BrokerQueries {
    static final long TIMEOUT = 3000;
    /** ResponseCode.QUERY_NOT_FOUND: the group has no committed offset on the queue. */
    private static final int QUERY_NOT_FOUND = 22;

    private final ClientProtocol protocol;
    private final long refreshMillis;
    private final ConcurrentMap<String, CachedGroups> groupCache = new ConcurrentHashMap<String, CachedGroups>();

    BrokerQueries(ClientProtocol protocol, long refreshMillis) {
        this.protocol = protocol;
        this.refreshMillis = refreshMillis;
    }

    ClientProtocol protocol() {
        return protocol;
    }

    /** The committed offset of {@code group} on {@code mq} from the broker, -1 when it has none. */
    long committed(MQClientInstance factory, String group, MessageQueue mq) throws Exception {
        return committed(factory, group, mq, false);
    }

    /**
     * @param zeroIsOffset take a 0 answer at its word even where the request cannot say "no default" (4.9.x clients):
     *                     there a young queue answers 0 for any group, so the start race stays open on 4.9.x
     */
    long committed(MQClientInstance factory, String group, MessageQueue mq, boolean zeroIsOffset) throws Exception {
        FindBrokerResult found = factory.findBrokerAddressInSubscribe(mq.getBrokerName(), 0L, true);
        if (found == null) {
            factory.updateTopicRouteInfoFromNameServer(mq.getTopic());
            found = factory.findBrokerAddressInSubscribe(mq.getBrokerName(), 0L, true);
        }
        if (found == null) {
            throw new IllegalStateException("no broker address for " + mq.getBrokerName());
        }
        try {
            return protocol.queryConsumerOffset(factory.getMQClientAPIImpl(), found.getBrokerAddr(), group, mq, TIMEOUT,
                    zeroIsOffset);
        } catch (MQBrokerException e) { // also 5.x's OffsetNotFoundException
            if (e.getResponseCode() == QUERY_NOT_FOUND) {
                return -1;
            }
            throw e;
        }
    }

    long minOffset(MQClientInstance factory, MessageQueue mq) throws Exception {
        return factory.getMQAdminImpl().minOffset(mq);
    }

    /** Max offsets of every queue of {@code topics}. */
    Map<MessageQueue, Long> endOffsets(MQClientInstance factory, Collection<String> topics) throws Exception {
        Map<MessageQueue, Long> ends = new HashMap<MessageQueue, Long>();
        for (String topic : topics) {
            for (MessageQueue mq : queues(factory, topic)) {
                ends.put(mq, factory.getMQAdminImpl().maxOffset(mq));
            }
        }
        return ends;
    }

    Set<MessageQueue> queues(MQClientInstance factory, String topic) throws Exception {
        return factory.getMQAdminImpl().fetchSubscribeMessageQueues(topic);
    }

    /** The ids of the consumers connected in {@code group}; empty when the broker knows none. */
    List<String> consumerIds(MQClientInstance factory, String addr, String group) throws Exception {
        try {
            List<String> ids = factory.getMQClientAPIImpl().getConsumerIdListByGroup(addr, group, TIMEOUT);
            return ids == null ? Collections.<String>emptyList() : ids;
        } catch (MQBrokerException e) {
            return Collections.emptyList();
        }
    }

    /** The group's consumer connections, or null when no consumer of it is online. */
    ClientProtocol.GroupConnections connections(MQClientInstance factory, String addr, String group)
            throws Exception {
        try {
            return protocol.connections(factory.getMQClientAPIImpl(), addr, group, TIMEOUT);
        } catch (MQBrokerException e) {
            return null; // no consumer online
        }
    }

    /**
     * The consumer groups a broker knows (its subscription group table: a group is added by the first heartbeat of
     * its first consumer). Asked at most once per half refresh interval per broker, whatever the number of consumers.
     * ({@code queryTopicConsumeByWho} would be cheaper, but broker 5.3.3 answers its online part wrongly: only groups
     * with committed offsets come back, seconds after a lane starts.)
     */
    Collection<String> groupsOn(MQClientInstance factory, String addr) throws Exception {
        long now = System.currentTimeMillis();
        CachedGroups cached = groupCache.get(addr);
        if (cached != null && now - cached.atMillis < refreshMillis / 2) {
            return cached.groups;
        }
        Collection<String> groups = new ArrayList<String>(
                protocol.subscriptionGroups(factory.getMQClientAPIImpl(), addr, TIMEOUT));
        groupCache.put(addr, new CachedGroups(now, groups));
        return groups;
    }

    private static final class CachedGroups {
        final long atMillis;
        final Collection<String> groups;

        CachedGroups(long atMillis, Collection<String> groups) {
            this.atMillis = atMillis;
            this.groups = groups;
        }
    }
}
