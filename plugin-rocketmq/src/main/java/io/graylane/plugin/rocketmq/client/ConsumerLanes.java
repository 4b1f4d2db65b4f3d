package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.bootstrap.mq.MqBridge;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeWorkRegistry;
import io.graylane.plugin.rocketmq.LaneExpressions;
import io.graylane.plugin.rocketmq.MqSettings;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.MessageListener;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.impl.consumer.DefaultLitePullConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The consumer side of message lanes for one application class loader (a typed helper: compiled against the client,
 * defined per loader by the plugin runtime). Advice reaches it through {@link MqBridge}. A gray node's consumers join
 * their lane's group with a SQL92 lane filter; baseline consumers exclude lanes with live consumers
 * ({@link LiveLaneWatcher}) and drain a retired lane's backlog ({@link LaneDrains}); a lane group's queues start where
 * nothing is lost ({@link LaneStartOffsets}). Subclassed once per client major version, which supplies the
 * {@link ClientProtocol}.
 */
public abstract class ConsumerLanes implements MqBridge.Handler {
    private final String nodeLane;
    private final LaneExpressions expr;
    private final ConsumerRegistry registry = new ConsumerRegistry();
    private final ClientProtocol protocol;
    private final Sql92Mode sql92;
    private final LaneStartOffsets offsets;
    private final LaneDrains drains;
    private final LiveLaneWatcher watcher;
    private final ConsumersOffline nodeWork;
    private final QueueHandover handover;

    protected ConsumerLanes(ClientProtocol protocol) {
        MqSettings settings = MqSettings.current();
        this.nodeLane = settings.nodeLane();
        this.expr = settings.expressions();
        this.protocol = protocol;
        BrokerQueries broker = new BrokerQueries(protocol, settings.refreshMillis());
        this.sql92 = new Sql92Mode(expr);
        this.offsets = new LaneStartOffsets(registry, broker);
        this.drains = new LaneDrains(expr, registry, broker);
        this.nodeWork = new ConsumersOffline(registry, broker, drains);
        this.handover = new QueueHandover(broker);
        this.watcher = new LiveLaneWatcher(expr, registry, broker, sql92, drains, nodeWork, settings.refreshMillis());
    }

    @Override
    public void consumerStarting(Object consumer, Object liteImpl) throws Exception {
        if (registry.get(consumer) != null) {
            return; // a drain of ours, already set up; or start() called twice
        }
        ConsumerState s;
        if (consumer instanceof DefaultMQPushConsumer) {
            DefaultMQPushConsumer push = (DefaultMQPushConsumer) consumer;
            if (protocol.broadcasting(push)) {
                leftAlone(push.getConsumerGroup());
                return;
            }
            s = new ConsumerState(push, null, null, push.getConsumerGroup(), nodeLane, false);
            readPushSubscriptions(s);
            wrapListener(s);
        } else if (consumer instanceof DefaultLitePullConsumer && liteImpl instanceof DefaultLitePullConsumerImpl) {
            DefaultLitePullConsumer lite = (DefaultLitePullConsumer) consumer;
            if (protocol.broadcasting(lite)) {
                leftAlone(lite.getConsumerGroup());
                return;
            }
            s = new ConsumerState(null, lite, (DefaultLitePullConsumerImpl) liteImpl, lite.getConsumerGroup(), nodeLane,
                    false);
            for (Object sd : s.liteImpl.subscriptions()) {
                addSubscription(s, sd);
            }
        } else {
            return;
        }
        if (s.gray()) {
            String laneGroup = expr.laneGroup(s.baseGroup, nodeLane);
            s.setConsumerGroup(laneGroup);
            s.group = laneGroup;
            // the SQL92 lane filter goes on once start() has asked the broker whether it can filter (a SQL92
            // subscription on a broker without it makes 5.x's start() fail and shut the consumer down); until then,
            // and as a safety net afterwards, the listener drops anything not of the lane (harmless in a lane group)
            registry.addLaneGroup(laneGroup, s);
            AgentLogger.info("rocketmq: " + s + ": joins group " + laneGroup + " (was " + s.baseGroup
                    + "), subscriptions " + s.subs.keySet() + " filtered to lane " + nodeLane);
        }
        registry.add(s);
    }

    private static void leftAlone(String group) {
        AgentLogger.info("rocketmq: broadcasting consumer of " + group
                + " left as it is (lanes apply to clustering consumers)");
    }

    private void readPushSubscriptions(ConsumerState s) {
        Map<String, String> legacy = s.push.getSubscription();
        if (legacy != null) {
            for (Map.Entry<String, String> e : legacy.entrySet()) {
                s.subs.put(e.getKey(), new ConsumerState.Sub(LaneExpressions.TYPE_TAG, e.getValue()));
            }
        }
        for (Object sd : s.push.getDefaultMQPushConsumerImpl().getSubscriptionInner().values()) {
            addSubscription(s, sd);
        }
    }

    private void addSubscription(ConsumerState s, Object subscriptionData) {
        ConsumerState.Sub sub = protocol.subscription(subscriptionData);
        String topic = protocol.topic(subscriptionData);
        if (!topic.startsWith("%RETRY%")) {
            s.subs.put(topic, sub);
        }
    }

    private static void wrapListener(ConsumerState s) {
        MessageListener listener = s.push.getMessageListener();
        if (listener == null || ListenerLanes.isWrapped(listener)) {
            return;
        }
        if (ListenerLanes.register(s.push, listener, s)) {
            s.userListener = listener;
        }
    }

    @Override
    public Throwable consumerStarted(Object consumer, Throwable thrown) {
        ConsumerState s = registry.get(consumer);
        if (s == null) {
            return thrown;
        }
        if (thrown != null) {
            registry.forget(s);
            return thrown;
        }
        s.started = true;
        if (!s.drain) {
            try {
                sql92.detect(s);
            } catch (Throwable t) {
                AgentLogger.debug("rocketmq: SQL92 check of " + s + " postponed: " + t);
            }
            if (s.baseline()) {
                try {
                    watcher.refresh(s);
                } catch (Throwable t) {
                    AgentLogger.debug("rocketmq: first live-lane check of " + s + " failed: " + t);
                }
            }
        }
        if (s.push != null && !s.drain) {
            NodeWorkRegistry.register(nodeWork);
            nodeWork.started(s);
        }
        watcher.ensureRunning();
        return null;
    }

    @Override
    public void consumerShutdown(Object consumer) {
        ConsumerState s = registry.get(consumer);
        if (s == null) {
            return;
        }
        registry.forget(s);
        for (Drain d : s.drains.values()) {
            drains.stop(d, "its baseline consumer shuts down");
        }
    }

    @Override
    public long storeOffset(Object offsetStore, Object clientFactory, String group, Object mq, long offset)
            throws Exception {
        if (!(offsetStore instanceof RemoteBrokerOffsetStore) || !(mq instanceof MessageQueue)) {
            return offset;
        }
        RemoteBrokerOffsetStore store = (RemoteBrokerOffsetStore) offsetStore;
        ConsumerState owner = registry.byOffsetStore(store);
        if (owner != null && clientFactory != null) {
            offset = handover.startOffset(owner, store, (MQClientInstance) clientFactory, (MessageQueue) mq, offset);
        }
        return offsets.storeOffset(store, (MQClientInstance) clientFactory, group, (MessageQueue) mq, offset);
    }

    @Override
    public List<?> polled(Object consumer, List<?> messages) {
        ConsumerState s = registry.get(consumer);
        // lite pull sends its expression with every pull: a pull parked on the broker with the old expression can
        // still answer with messages of a lane that went live, which the lane group consumes too (its queues start
        // where the baseline's committed offsets stood); so a baseline lite-pull consumer also drops live lanes here
        if (s == null || !(s.clientFilter || s.gray() || (s.baseline() && !s.liveLanes.isEmpty()))) {
            return messages;
        }
        String key = MqBridge.property();
        List<Object> kept = new ArrayList<Object>(messages.size());
        for (Object o : messages) {
            String l = o instanceof MessageExt ? ((MessageExt) o).getProperty(key) : null;
            if (s.keeps(l)) {
                kept.add(o);
            } else {
                MetricRegistry.counter("graylane_mq_filtered_total",
                        "messages dropped by the client-side lane filter (broker without SQL92)",
                        "lane", l == null ? "" : LaneNames.label(l), "group", s.group).inc();
            }
        }
        return kept;
    }
}
