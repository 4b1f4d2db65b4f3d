package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.logging.AgentLogger;
import io.graylane.plugin.rocketmq.LaneExpressions;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Keeps baseline consumers off lanes that have live consumers: one daemon thread ({@code graylane-mq-lanes}) asks the
 * broker every {@code graylane.mq.refreshMillis} which lane groups have live consumers, re-subscribes baseline
 * consumers when that changes (starting a drain for a lane that went away), and checks running drains.
 */
final class LiveLaneWatcher {
    private final LaneExpressions expr;
    private final ConsumerRegistry registry;
    private final BrokerQueries broker;
    private final Sql92Mode sql92;
    private final LaneDrains drains;
    private final ConsumersOffline nodeWork;
    private final long refreshMillis;
    private volatile ScheduledExecutorService thread;

    LiveLaneWatcher(LaneExpressions expr, ConsumerRegistry registry, BrokerQueries broker, Sql92Mode sql92,
                    LaneDrains drains, ConsumersOffline nodeWork, long refreshMillis) {
        this.expr = expr;
        this.nodeWork = nodeWork;
        this.registry = registry;
        this.broker = broker;
        this.sql92 = sql92;
        this.drains = drains;
        this.refreshMillis = refreshMillis;
    }

    void ensureRunning() {
        if (thread != null) {
            return;
        }
        synchronized (this) {
            if (thread != null) {
                return;
            }
            ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(new ThreadFactory() {
                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "graylane-mq-lanes");
                    t.setDaemon(true);
                    return t;
                }
            });
            w.scheduleWithFixedDelay(new Runnable() {
                @Override
                public void run() {
                    try {
                        tick();
                    } catch (Throwable t) {
                        // a scheduled task that throws is never run again: nothing may escape
                        AgentLogger.warnOnce("mq-tick:" + t.getClass().getName(), "rocketmq: live-lane check failed",
                                t);
                    }
                }
            }, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
            thread = w;
        }
    }

    private void tick() {
        nodeWork.sweep();
        for (ConsumerState s : registry.all()) {
            if (!s.started || s.drain || s.offline) {
                continue; // an offline node starts no drain and changes no subscription until it is online again
            }
            try {
                if (s.sql92 == null) {
                    sql92.detect(s);
                }
                if (s.baseline()) {
                    refresh(s);
                    for (Drain d : s.drains.values()) {
                        drains.check(d);
                    }
                }
            } catch (Throwable t) {
                AgentLogger.warnOnce("mq-refresh:" + s.group + ":" + t.getClass().getName(),
                        "rocketmq: live-lane check of " + s + " failed (retried every " + refreshMillis + " ms)", t);
            }
        }
    }

    /** Asks the broker which lane groups of this consumer's group have live consumers; applies a change. */
    void refresh(ConsumerState s) throws Exception {
        MQClientInstance factory = s.clientFactory();
        if (factory == null) {
            return;
        }
        Set<String> live = new TreeSet<String>();
        Set<String> asked = new HashSet<String>();
        for (String topic : s.subs.keySet()) {
            String addr = factory.findBrokerAddrByTopic(topic);
            if (addr == null) {
                continue;
            }
            Collection<String> groups = broker.groupsOn(factory, addr);
            if (AgentLogger.enabled(AgentLogger.Level.DEBUG)) {
                AgentLogger.debug("rocketmq: " + s + ": " + groups.size() + " groups on " + addr);
            }
            for (String g : groups) {
                String lane = expr.laneOf(s.baseGroup, g);
                if (lane == null || !asked.add(g)) {
                    continue;
                }
                ClientProtocol.GroupConnections conn = broker.connections(factory, addr, g);
                boolean isLive = isLiveLaneGroup(conn, lane, s.clientFilter)
                        && (s.liveLanes.contains(lane) || startFixed(factory, s, g) || conn.pulling);
                if (isLive) {
                    live.add(lane);
                }
                if (AgentLogger.enabled(AgentLogger.Level.DEBUG)) {
                    AgentLogger.debug("rocketmq: " + s + ": lane group " + g + " on " + addr + " live=" + isLive);
                }
            }
        }
        if (!live.equals(s.liveLanes)) {
            apply(s, ConsumerState.sorted(live));
        }
    }

    /**
     * A lane group is live when a consumer other than a drain is connected and, unless SQL92 is off, its subscription
     * carries the lane filter (so another application's group that merely looks like a lane group never counts).
     * Lite-pull lane groups ({@code pulling}) commit only what poll() returned, so their start is not fixed on the
     * broker up front: they count as live without it (the start race stays open for lite pull; see docs/rocketmq.md).
     */
    private boolean isLiveLaneGroup(ClientProtocol.GroupConnections conn, String lane, boolean clientFilter) {
        if (conn == null) {
            return false;
        }
        boolean someone = false;
        for (String id : conn.clientIds) {
            if (id != null && id.indexOf(LaneStartOffsets.DRAIN_MARK) < 0) {
                someone = true;
            }
        }
        if (!someone) {
            return false;
        }
        if (clientFilter) {
            return true;
        }
        String mark = expr.property() + " = '" + lane + "'";
        for (String text : conn.expressions) {
            if (text != null && text.contains(mark)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the lane group has a committed offset on every queue of the consumer's topics (its start is fixed). */
    private boolean startFixed(MQClientInstance factory, ConsumerState s, String laneGroup) throws Exception {
        for (String topic : s.subs.keySet()) {
            for (MessageQueue mq : broker.queues(factory, topic)) {
                if (broker.committed(factory, laneGroup, mq, true) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void apply(ConsumerState s, Set<String> live) throws Exception {
        long t0 = System.currentTimeMillis();
        Set<String> before = s.liveLanes;
        if (!s.clientFilter) {
            for (Map.Entry<String, ConsumerState.Sub> e : s.subs.entrySet()) {
                ConsumerState.Sub sub = e.getValue();
                if (live.isEmpty()) {
                    s.subscribeAsApplication(e.getKey(), sub);
                } else {
                    s.subscribeSql(e.getKey(), expr.baselineSql(sub.type, sub.expression, live));
                }
            }
        }
        s.liveLanes = live;
        long now = System.currentTimeMillis();
        s.lastSwitchMillis = now;
        MetricRegistry.counter("graylane_mq_lane_switches_total",
                "changes of the lanes a baseline consumer excludes", "group", s.group).inc();
        AgentLogger.info("rocketmq: " + s + ": lanes with live consumers " + live + " (were " + before + "), "
                + (s.clientFilter ? "client-side filter" : "subscription") + " switched in " + (now - t0)
                + " ms at " + now);
        Map<MessageQueue, Long> ends = null;
        for (String lane : before) {
            if (!live.contains(lane) && !s.drains.containsKey(lane)) {
                if (ends == null) {
                    ends = drains.endOffsets(s);
                }
                drains.start(s, lane, ends);
            }
        }
        for (String lane : live) {
            Drain d = s.drains.get(lane);
            if (d != null) {
                drains.stop(d, "lane " + lane + " is live again");
            }
        }
    }
}
