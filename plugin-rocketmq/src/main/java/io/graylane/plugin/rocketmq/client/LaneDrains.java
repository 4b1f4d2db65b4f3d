package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.logging.AgentLogger;
import io.graylane.plugin.rocketmq.LaneExpressions;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lane retire, nothing lost: when a lane has no live consumer any more, a baseline node consumes the lane group's
 * remaining backlog with a drain consumer of its own (the application's listener, in the lane), until the backlog it
 * had when the baseline included the lane again is consumed.
 */
final class LaneDrains {
    private final LaneExpressions expr;
    private final ConsumerRegistry registry;
    private final BrokerQueries broker;
    private final AtomicInteger drainSeq = new AtomicInteger();

    LaneDrains(LaneExpressions expr, ConsumerRegistry registry, BrokerQueries broker) {
        this.expr = expr;
        this.registry = registry;
        this.broker = broker;
    }

    static String queueKey(String topic, String brokerName, int queueId) {
        return topic + "@" + brokerName + "#" + queueId;
    }

    /**
     * Max offsets of the consumer's queues, taken right after the baseline's subscription changed: a message stored
     * at or after them is seen by the baseline with its new filter, so a drain stops there (no duplicates from it).
     */
    Map<MessageQueue, Long> endOffsets(ConsumerState s) {
        try {
            return broker.endOffsets(s.clientFactory(), s.subs.keySet());
        } catch (Throwable t) {
            AgentLogger.warn("rocketmq: " + s + ": could not read the queues' end offsets; the drain will take them"
                    + " later (more duplicates, nothing lost)", t);
            return null;
        }
    }

    void start(ConsumerState owner, String lane, Map<MessageQueue, Long> ends) {
        String laneGroup = expr.laneGroup(owner.baseGroup, lane);
        try {
            if (owner.userListener == null || owner.push == null) {
                AgentLogger.warnOnce("mq-drain-lite:" + owner.group, "rocketmq: " + owner + ": lane " + lane
                        + " retired, but draining " + laneGroup + " needs a push consumer; its backlog stays in "
                        + laneGroup, null);
                return;
            }
            DefaultMQPushConsumer app = owner.push;
            DefaultMQPushConsumer d = new DefaultMQPushConsumer(laneGroup);
            if (app.getNamesrvAddr() != null) {
                d.setNamesrvAddr(app.getNamesrvAddr());
            }
            d.setInstanceName(LaneStartOffsets.DRAIN_MARK + "-" + lane + "-" + pid() + "-" + drainSeq.incrementAndGet());
            d.setHeartbeatBrokerInterval(app.getHeartbeatBrokerInterval());
            d.setPersistConsumerOffsetInterval(1000);
            d.setConsumeMessageBatchMaxSize(app.getConsumeMessageBatchMaxSize());
            d.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            ConsumerState ds = new ConsumerState(d, null, null, owner.baseGroup, lane, true);
            ds.group = laneGroup;
            ds.clientFilter = owner.clientFilter;
            ds.sql92 = owner.sql92;
            ds.subs.putAll(owner.subs);
            for (Map.Entry<String, ConsumerState.Sub> e : owner.subs.entrySet()) {
                if (owner.clientFilter) {
                    d.subscribe(e.getKey(), e.getValue().expression);
                } else {
                    ds.subscribeSql(e.getKey(), expr.graySql(e.getValue().type, e.getValue().expression, lane));
                }
            }
            ds.userListener = owner.userListener;
            ListenerLanes.register(d, owner.userListener, ds);
            Drain drain = new Drain(lane, laneGroup, owner, ds);
            if (ends != null) {
                Map<String, Long> byKey = new HashMap<String, Long>();
                for (Map.Entry<MessageQueue, Long> e : ends.entrySet()) {
                    MessageQueue mq = e.getKey();
                    byKey.put(queueKey(mq.getTopic(), mq.getBrokerName(), mq.getQueueId()), e.getValue());
                }
                drain.targets = ends;
                ds.drainEnds = byKey;
            }
            owner.drains.put(lane, drain);
            registry.add(ds);
            registry.addLaneGroup(laneGroup, ds);
            d.start();
            AgentLogger.info("rocketmq: " + owner + ": lane " + lane + " has no live consumer any more; draining "
                    + laneGroup + "'s backlog");
        } catch (Throwable t) {
            AgentLogger.error("rocketmq: could not start draining " + laneGroup + "; its backlog stays there", t);
        }
    }

    void check(Drain d) throws Exception {
        if (d.stopped) {
            return;
        }
        DefaultMQPushConsumerImpl impl = d.state.push.getDefaultMQPushConsumerImpl();
        MQClientInstance factory = impl.getmQClientFactory();
        if (factory == null) {
            return;
        }
        if (d.targets == null) {
            d.targets = broker.endOffsets(factory, d.state.subs.keySet());
            return;
        }
        impl.persistConsumerOffset();
        long left = 0;
        for (Map.Entry<MessageQueue, Long> e : d.targets.entrySet()) {
            long c = broker.committed(factory, d.laneGroup, e.getKey());
            if (c < 0) {
                left += Math.max(1, e.getValue());
            } else if (c < e.getValue()) {
                left += e.getValue() - c;
            }
        }
        if (left == 0) {
            long drained = MetricRegistry.value("graylane_mq_drained_total", "lane", d.lane);
            stop(d, "backlog consumed in " + (System.currentTimeMillis() - d.startedMillis) + " ms ("
                    + drained + " messages of lane " + d.lane + " drained by this node so far)");
        }
    }

    void stop(final Drain d, String why) {
        if (d.stopped) {
            return;
        }
        d.stopped = true;
        d.owner.drains.remove(d.lane, d);
        AgentLogger.info("rocketmq: drain of " + d.laneGroup + " stops: " + why + " at " + System.currentTimeMillis());
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    d.state.push.shutdown();
                } catch (Throwable e) {
                    AgentLogger.warn("rocketmq: drain consumer of " + d.laneGroup + " did not shut down cleanly", e);
                }
                registry.forget(d.state);
            }
        }, "graylane-mq-drain-stop");
        t.setDaemon(true);
        t.start();
    }

    private static String pid() {
        String n = ManagementFactory.getRuntimeMXBean().getName();
        int at = n.indexOf('@');
        return at > 0 ? n.substring(0, at) : n;
    }
}
