package io.graylane.plugin.rocketmq;

import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.bootstrap.mq.MqBridge;
import io.graylane.core.logging.AgentLogger;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consumer side of message lanes. Called from advice through {@link MqBridge}; talks to the client objects by
 * reflection. One daemon thread ({@code graylane-mq-lanes}) asks the broker every {@code graylane.mq.refreshMillis}
 * which lane groups have live consumers, re-subscribes baseline consumers when that changes, and checks drains.
 */
final class MqLanes implements MqBridge.Handler {
    /** Instance-name mark of the plugin's own drain consumers: their connections never make a lane live. */
    static final String DRAIN_MARK = "graylane-drain";
    private static final long TIMEOUT = 3000;
    private static final int QUERY_NOT_FOUND = 22;
    /** How long after its start a gray consumer's queues may still start from the baseline's position. */
    private static final long FRESH_WINDOW_MILLIS = 60000;

    private final LaneExpressions expr;
    private final String nodeLane;
    private final long refreshMillis;
    private final Map<Object, ConsumerState> consumers =
            Collections.synchronizedMap(new IdentityHashMap<Object, ConsumerState>());
    /** Lane groups of this node's gray consumers, and of drains, by group name (for the offset advice). */
    private final ConcurrentMap<String, ConsumerState> laneGroups = new ConcurrentHashMap<String, ConsumerState>();
    private final AtomicInteger drainSeq = new AtomicInteger();
    private final ConcurrentMap<String, Object[]> groupCache = new ConcurrentHashMap<String, Object[]>();
    private volatile ScheduledExecutorService watcher;

    MqLanes(LaneExpressions expr, String nodeLane, int refreshMillis) {
        this.expr = expr;
        this.nodeLane = nodeLane == null || nodeLane.isEmpty() ? null : nodeLane;
        this.refreshMillis = refreshMillis;
    }

    // ------------------------------------------------------------------ start / shutdown

    @Override
    public void consumerStarting(Object consumer) throws Throwable {
        ConsumerState known = consumers.get(consumer);
        if (known != null) {
            return; // a drain of ours, already set up; or start() called twice
        }
        boolean lite = consumer.getClass().getName().indexOf("LitePull") >= 0 || !Reflect.has(consumer,
                "getDefaultMQPushConsumerImpl", 0);
        Object model = Reflect.call(consumer, "getMessageModel");
        if (model != null && "BROADCASTING".equals(model.toString())) {
            AgentLogger.info("rocketmq: broadcasting consumer of " + Reflect.call(consumer, "getConsumerGroup")
                    + " left as it is (lanes apply to clustering consumers)");
            return;
        }
        String group = (String) Reflect.call(consumer, "getConsumerGroup");
        ConsumerState s = new ConsumerState(consumer, lite, group, nodeLane, false);
        readSubscriptions(s);
        if (!lite) {
            wrapListener(s);
        }
        if (s.gray()) {
            String laneGroup = expr.laneGroup(group, nodeLane);
            Reflect.call(consumer, "setConsumerGroup", laneGroup);
            s.group = laneGroup;
            // the SQL92 lane filter goes on once start() has asked the broker whether it can filter (a SQL92
            // subscription on a broker without it makes 5.x's start() fail and shut the consumer down); until then,
            // and as a safety net afterwards, the listener drops anything not of the lane (harmless in a lane group)
            laneGroups.put(laneGroup, s);
            AgentLogger.info("rocketmq: " + s + ": joins group " + laneGroup + " (was " + group + "), subscriptions "
                    + s.subs.keySet() + " filtered to lane " + nodeLane);
        }
        consumers.put(consumer, s);
    }

    @Override
    public Throwable consumerStarted(Object consumer, Throwable thrown) throws Throwable {
        ConsumerState s = consumers.get(consumer);
        if (s == null) {
            return thrown;
        }
        if (thrown != null) {
            forget(s);
            return thrown;
        }
        s.started = true;
        if (!s.drain) {
            try {
                detectSql92(s);
            } catch (Throwable t) {
                AgentLogger.debug("rocketmq: SQL92 check of " + s + " postponed: " + t);
            }
            if (s.baseline()) {
                try {
                    refresh(s);
                } catch (Throwable t) {
                    AgentLogger.debug("rocketmq: first live-lane check of " + s + " failed: " + t);
                }
            }
        }
        ensureWatcher();
        return null;
    }

    @Override
    public void consumerShutdown(Object consumer) {
        ConsumerState s = consumers.get(consumer);
        if (s == null) {
            return;
        }
        forget(s);
        for (Drain d : s.drains.values()) {
            stopDrain(d, "its baseline consumer shuts down");
        }
    }

    private void forget(ConsumerState s) {
        consumers.remove(s.consumer);
        if (laneGroups.get(s.group) == s) {
            laneGroups.remove(s.group);
        }
    }

    // ------------------------------------------------------------------ offsets: lane start, nothing lost

    @Override
    public long storeOffset(Object offsetStore, String group, Object mq, long offset) throws Throwable {
        ConsumerState s = group == null ? null : laneGroups.get(group);
        if (s == null) {
            return offset;
        }
        String topic = (String) Reflect.call(mq, "getTopic");
        if (topic.startsWith("%RETRY%") || topic.startsWith("%DLQ%")) {
            return offset;
        }
        Object factory = Reflect.field(offsetStore, "mQClientFactory");
        long lane = committed(factory, group, mq);
        long start;
        if (s.drain) {
            start = lane > 0 ? lane : offset;
        } else {
            long base = committed(factory, s.baseGroup, mq);
            boolean fresh = fresh(s, factory);
            if (lane > 0) {
                start = fresh && base >= 0 ? Math.min(lane, base) : lane;
            } else if (base >= 0) {
                start = base;
            } else {
                // neither group has consumed this queue: the baseline will skip the lane's messages from wherever it
                // starts, so the lane group takes them all
                start = (Long) Reflect.call(Reflect.call(factory, "getMQAdminImpl"), "minOffset", mq);
            }
        }
        if (start != offset) {
            Reflect.call(offsetStore, "updateOffset", mq, start, false);
            AgentLogger.debug("rocketmq: " + s + ": " + mq + " starts at " + start + " (store said " + offset + ")");
        }
        if (!s.drain && start >= 0) {
            // committed at once: baseline consumers count the lane as live only once every queue of the lane group
            // has a committed offset, so they never skip a lane message before the lane group's start is fixed
            Reflect.call(offsetStore, "updateConsumeOffsetToBroker", mq, start, false);
        }
        return start;
    }

    /** Whether this gray consumer started a lane that had no other live consumer (asked once, shortly after start). */
    private boolean fresh(ConsumerState s, Object factory) throws Exception {
        if (System.currentTimeMillis() - s.createdMillis > FRESH_WINDOW_MILLIS) {
            return false;
        }
        Boolean f = s.freshLane;
        if (f == null) {
            String self = (String) Reflect.call(factory, "getClientId");
            boolean others = false;
            for (String topic : s.subs.keySet()) {
                String addr = (String) Reflect.call(factory, "findBrokerAddrByTopic", topic);
                if (addr != null) {
                    for (String id : consumerIds(factory, addr, s.group)) {
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

    /** The committed offset of {@code group} on {@code mq} from the broker, -1 when it has none. */
    private long committed(Object factory, String group, Object mq) throws Exception {
        return committed(factory, group, mq, false);
    }

    /**
     * @param zeroIsOffset take a 0 answer at its word even where the request cannot say "no default" (4.9.x clients):
     *                     there a young queue answers 0 for any group, so the start race stays open on 4.9.x
     */
    private long committed(Object factory, String group, Object mq, boolean zeroIsOffset) throws Exception {
        String brokerName = (String) Reflect.call(mq, "getBrokerName");
        Object found = Reflect.call(factory, "findBrokerAddressInSubscribe", brokerName, 0L, true);
        if (found == null) {
            Reflect.call(factory, "updateTopicRouteInfoFromNameServer", Reflect.call(mq, "getTopic"));
            found = Reflect.call(factory, "findBrokerAddressInSubscribe", brokerName, 0L, true);
        }
        if (found == null) {
            throw new IllegalStateException("no broker address for " + brokerName);
        }
        String addr = (String) Reflect.call(found, "getBrokerAddr");
        Class<?> headerType = Reflect.type(factory.getClass().getClassLoader(),
                "org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetRequestHeader",
                "org.apache.rocketmq.common.protocol.header.QueryConsumerOffsetRequestHeader");
        Object header = headerType.getConstructor().newInstance();
        Reflect.call(header, "setConsumerGroup", group);
        Reflect.call(header, "setTopic", Reflect.call(mq, "getTopic"));
        Reflect.call(header, "setQueueId", Reflect.call(mq, "getQueueId"));
        boolean zeroMeansNone = true;
        if (Reflect.has(header, "setSetZeroIfNotFound", 1)) {
            Reflect.call(header, "setSetZeroIfNotFound", Boolean.FALSE);
            zeroMeansNone = false;
        }
        try {
            long v = (Long) Reflect.call(Reflect.call(factory, "getMQClientAPIImpl"), "queryConsumerOffset", addr, header,
                    TIMEOUT);
            return v == 0 && zeroMeansNone && !zeroIsOffset ? -1 : v;
        } catch (Exception e) {
            if (isBrokerException(e) && ((Integer) Reflect.call(e, "getResponseCode")) == QUERY_NOT_FOUND) {
                return -1;
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ lite pull

    @Override
    public List<?> polled(Object consumer, List<?> messages) throws Throwable {
        ConsumerState s = consumers.get(consumer);
        // lite pull sends its expression with every pull: a pull parked on the broker with the old expression can
        // still answer with messages of a lane that went live, which the lane group consumes too (its queues start
        // where the baseline's committed offsets stood); so a baseline lite-pull consumer also drops live lanes here
        if (s == null || !(s.clientFilter || s.gray() || (s.baseline() && !s.liveLanes.isEmpty()))) {
            return messages;
        }
        String key = MqBridge.property();
        List<Object> kept = new ArrayList<Object>(messages.size());
        for (Object m : messages) {
            String l = (String) Reflect.call(m, "getProperty", key);
            if (s.keeps(l)) {
                kept.add(m);
            } else {
                MetricRegistry.counter("graylane_mq_filtered_total",
                        "messages dropped by the client-side lane filter (broker without SQL92)",
                        "lane", l == null ? "" : l, "group", s.group).inc();
            }
        }
        return kept;
    }

    // ------------------------------------------------------------------ live lanes (baseline)

    private void ensureWatcher() {
        if (watcher != null) {
            return;
        }
        synchronized (this) {
            if (watcher != null) {
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
                    tick();
                }
            }, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
            watcher = w;
        }
    }

    private void tick() {
        List<ConsumerState> all;
        synchronized (consumers) {
            all = new ArrayList<ConsumerState>(consumers.values());
        }
        for (ConsumerState s : all) {
            if (!s.started || s.drain) {
                continue;
            }
            try {
                if (s.sql92 == null) {
                    detectSql92(s);
                }
                if (s.baseline()) {
                    refresh(s);
                    for (Drain d : s.drains.values()) {
                        checkDrain(d);
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
        Object factory = clientFactory(s);
        if (factory == null) {
            return;
        }
        Object api = Reflect.call(factory, "getMQClientAPIImpl");
        Set<String> live = new TreeSet<String>();
        Set<String> asked = new HashSet<String>();
        for (String topic : s.subs.keySet()) {
            String addr = (String) Reflect.call(factory, "findBrokerAddrByTopic", topic);
            if (addr == null) {
                continue;
            }
            Collection<String> groups = groupsOn(api, addr);
            if (AgentLogger.enabled(AgentLogger.Level.DEBUG)) {
                AgentLogger.debug("rocketmq: " + s + ": " + groups.size() + " groups on " + addr);
            }
            for (String g : groups) {
                String lane = expr.laneOf(s.baseGroup, g);
                if (lane == null || !asked.add(g)) {
                    continue;
                }
                boolean isLive = isLiveLaneGroup(api, addr, g, lane, s.clientFilter)
                        && (s.liveLanes.contains(lane) || startFixed(factory, s, g) || pulling(api, addr, g));
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
     * Lite-pull lane groups commit only what poll() returned, so their start is not fixed on the broker up front:
     * they count as live without it (the start race stays open for lite pull; see docs/rocketmq.md).
     */
    private static boolean pulling(Object api, String addr, String group) {
        try {
            Object conn = Reflect.call(api, "getConsumerConnectionList", addr, group, TIMEOUT);
            return "CONSUME_ACTIVELY".equals(String.valueOf(Reflect.call(conn, "getConsumeType")));
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether the lane group has a committed offset on every queue of the consumer's topics (its start is fixed). */
    private boolean startFixed(Object factory, ConsumerState s, String laneGroup) throws Exception {
        Object admin = Reflect.call(factory, "getMQAdminImpl");
        for (String topic : s.subs.keySet()) {
            for (Object mq : (Collection<?>) Reflect.call(admin, "fetchSubscribeMessageQueues", topic)) {
                if (committed(factory, laneGroup, mq, true) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The consumer groups a broker knows (its subscription group table: a group is added by the first heartbeat of
     * its first consumer). Asked at most once per refresh interval per broker, whatever the number of consumers.
     * ({@code queryTopicConsumeByWho} would be cheaper, but broker 5.3.3 answers its online part wrongly: only groups
     * with committed offsets come back, seconds after a lane starts.)
     */
    @SuppressWarnings("unchecked")
    private Collection<String> groupsOn(Object api, String addr) throws Exception {
        long now = System.currentTimeMillis();
        Object[] cached = groupCache.get(addr);
        if (cached != null && now - (Long) cached[0] < refreshMillis / 2) {
            @SuppressWarnings("unchecked")
            Collection<String> c = (Collection<String>) cached[1];
            return c;
        }
        Object wrapper = Reflect.call(api, "getAllSubscriptionGroup", addr, TIMEOUT);
        Collection<String> groups = new ArrayList<String>(
                ((Map<String, ?>) Reflect.call(wrapper, "getSubscriptionGroupTable")).keySet());
        groupCache.put(addr, new Object[] {now, groups});
        return groups;
    }

    /**
     * A lane group is live when a consumer other than a drain is connected and, unless SQL92 is off, its subscription
     * carries the lane filter (so another application's group that merely looks like a lane group never counts).
     */
    private boolean isLiveLaneGroup(Object api, String addr, String group, String lane, boolean clientFilter)
            throws Exception {
        Object conn;
        try {
            conn = Reflect.call(api, "getConsumerConnectionList", addr, group, TIMEOUT);
        } catch (Exception e) {
            if (isBrokerException(e)) {
                return false; // no consumer online
            }
            throw e;
        }
        boolean someone = false;
        for (Object c : (Collection<?>) Reflect.call(conn, "getConnectionSet")) {
            String id = (String) Reflect.call(c, "getClientId");
            if (id != null && id.indexOf(DRAIN_MARK) < 0) {
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
        for (Object sub : ((Map<?, ?>) Reflect.call(conn, "getSubscriptionTable")).values()) {
            Object text = Reflect.call(sub, "getSubString");
            if (text != null && text.toString().contains(mark)) {
                return true;
            }
        }
        return false;
    }

    private void apply(ConsumerState s, Set<String> live) throws Exception {
        long t0 = System.currentTimeMillis();
        Set<String> before = s.liveLanes;
        if (!s.clientFilter) {
            for (Map.Entry<String, ConsumerState.Sub> e : s.subs.entrySet()) {
                ConsumerState.Sub sub = e.getValue();
                if (live.isEmpty()) {
                    if (sub.isSql()) {
                        subscribeSql(s, e.getKey(), sub.expression);
                    } else {
                        Reflect.call(s.consumer, "subscribe", e.getKey(), sub.expression);
                    }
                } else {
                    subscribeSql(s, e.getKey(), expr.baselineSql(sub.type, sub.expression, live));
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
        Map<Object, Long> ends = null;
        for (String lane : before) {
            if (!live.contains(lane) && !s.drains.containsKey(lane)) {
                if (ends == null) {
                    ends = endOffsets(clientFactory(s), s);
                }
                startDrain(s, lane, ends);
            }
        }
        for (String lane : live) {
            Drain d = s.drains.get(lane);
            if (d != null) {
                stopDrain(d, "lane " + lane + " is live again");
            }
        }
    }

    // ------------------------------------------------------------------ drains (lane retire, nothing lost)

    /**
     * Max offsets of the consumer's queues, taken right after the baseline's subscription changed: a message stored
     * at or after them is seen by the baseline with its new filter, so a drain stops there (no duplicates from it).
     */
    private static Map<Object, Long> endOffsets(Object factory, ConsumerState s) {
        try {
            Object admin = Reflect.call(factory, "getMQAdminImpl");
            Map<Object, Long> targets = new HashMap<Object, Long>();
            for (String topic : s.subs.keySet()) {
                for (Object mq : (Collection<?>) Reflect.call(admin, "fetchSubscribeMessageQueues", topic)) {
                    targets.put(mq, (Long) Reflect.call(admin, "maxOffset", mq));
                }
            }
            return targets;
        } catch (Throwable t) {
            AgentLogger.warn("rocketmq: " + s + ": could not read the queues' end offsets; the drain will take them"
                    + " later (more duplicates, nothing lost)", t);
            return null;
        }
    }

    static String queueKey(String topic, String brokerName, int queueId) {
        return topic + "@" + brokerName + "#" + queueId;
    }

    private void startDrain(ConsumerState owner, String lane, Map<Object, Long> ends) {
        String laneGroup = expr.laneGroup(owner.baseGroup, lane);
        try {
            Object listener = owner.userListener;
            if (listener == null) {
                AgentLogger.warnOnce("mq-drain-lite:" + owner.group, "rocketmq: " + owner + ": lane " + lane
                        + " retired, but draining " + laneGroup + " needs a push consumer; its backlog stays in "
                        + laneGroup, null);
                return;
            }
            Class<?> type = Class.forName("org.apache.rocketmq.client.consumer.DefaultMQPushConsumer", true, owner.loader);
            Object d = type.getConstructor(String.class).newInstance(laneGroup);
            Object ns = Reflect.call(owner.consumer, "getNamesrvAddr");
            if (ns != null) {
                Reflect.call(d, "setNamesrvAddr", ns);
            }
            Reflect.call(d, "setInstanceName", DRAIN_MARK + "-" + lane + "-" + pid() + "-" + drainSeq.incrementAndGet());
            Reflect.call(d, "setHeartbeatBrokerInterval", Reflect.call(owner.consumer, "getHeartbeatBrokerInterval"));
            Reflect.call(d, "setPersistConsumerOffsetInterval", 1000);
            Reflect.call(d, "setConsumeMessageBatchMaxSize",
                    Reflect.call(owner.consumer, "getConsumeMessageBatchMaxSize"));
            Class<?> cfw = Class.forName("org.apache.rocketmq.common.consumer.ConsumeFromWhere", false, owner.loader);
            Reflect.call(d, "setConsumeFromWhere", Reflect.callStatic(cfw, "valueOf", "CONSUME_FROM_FIRST_OFFSET"));
            ConsumerState ds = new ConsumerState(d, false, owner.baseGroup, lane, true);
            ds.group = laneGroup;
            ds.clientFilter = owner.clientFilter;
            ds.sql92 = owner.sql92;
            ds.subs.putAll(owner.subs);
            for (Map.Entry<String, ConsumerState.Sub> e : owner.subs.entrySet()) {
                if (owner.clientFilter) {
                    Reflect.call(d, "subscribe", e.getKey(), e.getValue().expression);
                } else {
                    subscribeSql(ds, e.getKey(), expr.graySql(e.getValue().type, e.getValue().expression, lane));
                }
            }
            ds.userListener = listener;
            Object proxy = LaneListener.wrap(listener, ds);
            registerListener(d, proxy);
            Drain drain = new Drain(lane, laneGroup, owner, ds);
            if (ends != null) {
                Map<String, Long> byKey = new HashMap<String, Long>();
                for (Map.Entry<Object, Long> e : ends.entrySet()) {
                    Object mq = e.getKey();
                    byKey.put(queueKey((String) Reflect.call(mq, "getTopic"), (String) Reflect.call(mq, "getBrokerName"),
                            (Integer) Reflect.call(mq, "getQueueId")), e.getValue());
                }
                drain.targets = ends;
                ds.drainEnds = byKey;
            }
            owner.drains.put(lane, drain);
            consumers.put(d, ds);
            laneGroups.put(laneGroup, ds);
            Reflect.call(d, "start");
            AgentLogger.info("rocketmq: " + owner + ": lane " + lane + " has no live consumer any more; draining "
                    + laneGroup + "'s backlog");
        } catch (Throwable t) {
            AgentLogger.error("rocketmq: could not start draining " + laneGroup + "; its backlog stays there", t);
        }
    }

    private void checkDrain(Drain d) throws Exception {
        if (d.stopped) {
            return;
        }
        Object impl = Reflect.call(d.state.consumer, "getDefaultMQPushConsumerImpl");
        Object factory = Reflect.call(impl, "getmQClientFactory");
        if (factory == null) {
            return;
        }
        Object admin = Reflect.call(factory, "getMQAdminImpl");
        if (d.targets == null) {
            Map<Object, Long> targets = new HashMap<Object, Long>();
            for (String topic : d.state.subs.keySet()) {
                for (Object mq : (Collection<?>) Reflect.call(admin, "fetchSubscribeMessageQueues", topic)) {
                    targets.put(mq, (Long) Reflect.call(admin, "maxOffset", mq));
                }
            }
            d.targets = targets;
            return;
        }
        Reflect.call(impl, "persistConsumerOffset");
        long left = 0;
        for (Map.Entry<Object, Long> e : d.targets.entrySet()) {
            long c = committed(factory, d.laneGroup, e.getKey());
            if (c < 0) {
                left += Math.max(1, e.getValue());
            } else if (c < e.getValue()) {
                left += e.getValue() - c;
            }
        }
        if (left == 0) {
            long drained = MetricRegistry.value("graylane_mq_drained_total", "lane", d.lane);
            stopDrain(d, "backlog consumed in " + (System.currentTimeMillis() - d.startedMillis) + " ms ("
                    + drained + " messages of lane " + d.lane + " drained by this node so far)");
        }
    }

    private void stopDrain(final Drain d, String why) {
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
                    Reflect.call(d.state.consumer, "shutdown");
                } catch (Throwable e) {
                    AgentLogger.warn("rocketmq: drain consumer of " + d.laneGroup + " did not shut down cleanly", e);
                }
                consumers.remove(d.state.consumer);
                laneGroups.remove(d.laneGroup, d.state);
            }
        }, "graylane-mq-drain-stop");
        t.setDaemon(true);
        t.start();
    }

    // ------------------------------------------------------------------ SQL92 detection and fallback

    private void detectSql92(ConsumerState s) throws Exception {
        Object factory = clientFactory(s);
        if (factory == null) {
            return;
        }
        for (String topic : s.subs.keySet()) {
            String addr = (String) Reflect.call(factory, "findBrokerAddrByTopic", topic);
            if (addr == null) {
                continue;
            }
            Properties p = (Properties) Reflect.call(Reflect.call(factory, "getMQClientAPIImpl"), "getBrokerConfig",
                    addr, TIMEOUT);
            boolean on = !"false".equalsIgnoreCase(p.getProperty("enablePropertyFilter", "true").trim());
            if (!on && !s.clientFilter) {
                fallback(s, "broker " + addr + " has enablePropertyFilter=false");
            }
            if (on && s.gray()) {
                for (Map.Entry<String, ConsumerState.Sub> e : s.subs.entrySet()) {
                    subscribeSql(s, e.getKey(), expr.graySql(e.getValue().type, e.getValue().expression, s.lane));
                }
            }
            s.sql92 = on;
            return;
        }
    }

    private void fallback(ConsumerState s, String why) throws Exception {
        s.sql92 = Boolean.FALSE;
        s.clientFilter = true;
        AgentLogger.warnOnce("mq-no-sql92", "rocketmq: the broker does not support SQL92 filtering (" + why
                + "); consumers filter lanes client-side: every message is pulled, other lanes' messages are"
                + " acknowledged and dropped. Set enablePropertyFilter=true on the broker for server-side filtering.",
                null);
        MetricRegistry.counter("graylane_mq_client_filter_total",
                "consumers that fell back to client-side lane filtering (broker without SQL92)",
                "group", s.group).inc();
        if (s.lite) {
            // lite pull sends its expression with every pull: put the application's own back
        }
        for (Map.Entry<String, ConsumerState.Sub> e : s.subs.entrySet()) {
            ConsumerState.Sub sub = e.getValue();
            if (sub.isSql()) {
                subscribeSql(s, e.getKey(), sub.expression);
            } else {
                Reflect.call(s.consumer, "subscribe", e.getKey(), sub.expression);
            }
        }
    }

    // ------------------------------------------------------------------ client helpers

    private void readSubscriptions(ConsumerState s) throws Exception {
        Map<?, ?> inner;
        if (s.lite) {
            Object impl = Reflect.field(s.consumer, "defaultLitePullConsumerImpl");
            inner = (Map<?, ?>) Reflect.call(Reflect.field(impl, "rebalanceImpl"), "getSubscriptionInner");
        } else {
            Object impl = Reflect.call(s.consumer, "getDefaultMQPushConsumerImpl");
            inner = (Map<?, ?>) Reflect.call(impl, "getSubscriptionInner");
            Object legacy = Reflect.call(s.consumer, "getSubscription");
            if (legacy instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) legacy).entrySet()) {
                    s.subs.put(String.valueOf(e.getKey()), new ConsumerState.Sub(LaneExpressions.TYPE_TAG,
                            String.valueOf(e.getValue())));
                }
            }
        }
        for (Map.Entry<?, ?> e : inner.entrySet()) {
            String topic = String.valueOf(e.getKey());
            if (topic.startsWith("%RETRY%")) {
                continue;
            }
            Object sd = e.getValue();
            s.subs.put(topic, new ConsumerState.Sub((String) Reflect.call(sd, "getExpressionType"),
                    (String) Reflect.call(sd, "getSubString")));
        }
    }

    private void wrapListener(ConsumerState s) throws Exception {
        Object listener = Reflect.call(s.consumer, "getMessageListener");
        if (listener == null || LaneListener.isWrapped(listener)) {
            return;
        }
        Object proxy = LaneListener.wrap(listener, s);
        if (proxy == null) {
            return;
        }
        s.userListener = listener;
        registerListener(s.consumer, proxy);
    }

    private static void registerListener(Object consumer, Object proxy) throws Exception {
        Reflect.call(consumer, "registerMessageListener", proxy);
    }

    private static void subscribeSql(ConsumerState s, String topic, String sql) throws Exception {
        Class<?> selector = Class.forName("org.apache.rocketmq.client.consumer.MessageSelector", false, s.loader);
        Reflect.call(s.consumer, "subscribe", topic, Reflect.callStatic(selector, "bySql", sql));
    }

    private static Object clientFactory(ConsumerState s) throws Exception {
        if (s.lite) {
            return Reflect.field(Reflect.field(s.consumer, "defaultLitePullConsumerImpl"), "mQClientFactory");
        }
        return Reflect.call(Reflect.call(s.consumer, "getDefaultMQPushConsumerImpl"), "getmQClientFactory");
    }

    private static List<String> consumerIds(Object factory, String addr, String group) throws Exception {
        try {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) Reflect.call(Reflect.call(factory, "getMQClientAPIImpl"),
                    "getConsumerIdListByGroup", addr, group, TIMEOUT);
            return ids == null ? Collections.<String>emptyList() : ids;
        } catch (Exception e) {
            if (isBrokerException(e)) {
                return Collections.emptyList();
            }
            throw e;
        }
    }

    /** MQBrokerException or a subclass (OffsetNotFoundException in 5.x): the broker answered with an error code. */
    private static boolean isBrokerException(Throwable e) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().endsWith(".MQBrokerException")) {
                return true;
            }
        }
        return false;
    }

    private static String pid() {
        String n = ManagementFactory.getRuntimeMXBean().getName();
        int at = n.indexOf('@');
        return at > 0 ? n.substring(0, at) : n;
    }
}
