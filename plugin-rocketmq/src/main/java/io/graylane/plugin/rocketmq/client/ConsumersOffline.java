package io.graylane.plugin.rocketmq.client;

import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeWork;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.OffsetStore;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.consumer.RebalanceImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RocketMQ push consumers' share of the node lifecycle. Offline, each consumer
 * <ol>
 *   <li>stops pulling ({@code suspend()}: the client parks its pull requests; a pull already parked on the broker
 *       may still bring one batch, which is consumed);</li>
 *   <li>finishes what it holds: running listener calls and the messages already pulled;</li>
 *   <li>commits its consume offsets to the broker and reads them back (the client's own commit is one-way);</li>
 *   <li>leaves its group: unregistered from every broker ({@code MQClientInstance.unregisterConsumer}, what the
 *       client's {@code shutdown()} does, but the consumer keeps running), its process queues released; the broker
 *       tells the other consumers of the group, which rebalance and take its queues from the committed offsets.
 *       Checked by asking the broker for the group's consumers (a heartbeat racing the unregister would re-add it).</li>
 * </ol>
 * Online registers the consumer with its client again, sends a heartbeat (the broker adds it to the group and the
 * others rebalance) and resumes pulling. In flight: listener calls running, plus, for a consumer going offline that
 * has not left its group yet, one for the leave and the messages it still holds. Drain consumers of retired lanes are
 * stopped when the node goes offline (another baseline node's drain, or the lane's return, takes the backlog).
 */
final class ConsumersOffline implements NodeWork {
    private static final long CHECK_MILLIS = 20;
    private static final int COMMIT_TRIES = 20;

    private final ConsumerRegistry registry;
    private final BrokerQueries broker;
    private final LaneDrains drains;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private boolean offline;
    /** Guarded by lock. */
    private Thread leaver;

    ConsumersOffline(ConsumerRegistry registry, BrokerQueries broker, LaneDrains drains) {
        this.registry = registry;
        this.broker = broker;
        this.drains = drains;
    }

    @Override
    public String framework() {
        return "rocketmq";
    }

    boolean isOffline() {
        synchronized (lock) {
            return offline;
        }
    }

    private List<ConsumerState> pushConsumers() {
        List<ConsumerState> out = new ArrayList<ConsumerState>();
        for (ConsumerState s : registry.all()) {
            if (s.push != null && !s.drain && s.started) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void stopTakingWork() {
        synchronized (lock) {
            offline = true;
        }
        for (ConsumerState s : pushConsumers()) {
            stop(s);
        }
        startLeaver();
    }

    /** A consumer that started while the node is offline goes offline at once. */
    void started(ConsumerState s) {
        if (s.push != null && !s.drain && isOffline()) {
            stop(s);
            startLeaver();
        }
    }

    private void stop(ConsumerState s) {
        synchronized (s) {
            if (s.offline) {
                return;
            }
            s.offline = true;
            s.leaveOffsets = null;
            s.push.suspend();
        }
        for (Drain d : s.drains.values()) {
            drains.stop(d, "the node goes offline");
        }
        AgentLogger.info("rocketmq: " + s + ": offline, stopped pulling; leaves its group once its "
                + s.calls.held() + " held messages are consumed");
    }

    private void startLeaver() {
        synchronized (lock) {
            if (leaver != null && leaver.isAlive()) {
                return;
            }
            Thread t = new Thread(new Runnable() {
                @Override
                public void run() {
                    leaveAll();
                }
            }, "graylane-mq-offline");
            t.setDaemon(true);
            leaver = t;
            t.start();
        }
    }

    /** Runs on the leaver thread while the node is offline and some consumer has not left yet. */
    private void leaveAll() {
        try {
            while (true) {
                boolean pending = false;
                for (ConsumerState s : pushConsumers()) {
                    if (!s.offline || s.left) {
                        continue;
                    }
                    if (s.calls.running() == 0 && s.calls.held() == 0 && settled(s)) {
                        leave(s);
                    } else {
                        pending = true;
                    }
                }
                synchronized (lock) {
                    if (!offline || !pending) {
                        leaver = null;
                        return;
                    }
                    lock.wait(CHECK_MILLIS);
                }
            }
        } catch (Throwable t) {
            // no agent thread may die of a Throwable unlogged; the node then stays offline and is not reported drained
            AgentLogger.warn("rocketmq: leaving the consumer groups failed; the node is not reported drained", t);
            synchronized (lock) {
                leaver = null;
            }
        }
    }

    /**
     * The consumer's in-memory offsets did not move since the last look: the client updates a queue's offset just
     * after a listener call returned and its messages left the process queue, so "nothing running, nothing held" alone
     * can be seen a moment before the last offset update.
     */
    private static boolean settled(ConsumerState s) {
        OffsetStore store = s.push.getDefaultMQPushConsumerImpl().getOffsetStore();
        Map<MessageQueue, Long> now = new HashMap<MessageQueue, Long>();
        for (MessageQueue mq : s.push.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
                .keySet()) {
            now.put(mq, store.readOffset(mq, ReadOffsetType.READ_FROM_MEMORY));
        }
        boolean same = now.equals(s.leaveOffsets);
        s.leaveOffsets = now;
        return same;
    }

    private void leave(ConsumerState s) throws Exception {
        synchronized (s) {
            if (!s.offline || s.left) {
                return;
            }
            DefaultMQPushConsumerImpl impl = s.push.getDefaultMQPushConsumerImpl();
            MQClientInstance factory = impl.getmQClientFactory();
            RebalanceImpl rebalance = impl.getRebalanceImpl();
            List<MessageQueue> held = new ArrayList<MessageQueue>(rebalance.getProcessQueueTable().keySet());
            Map<MessageQueue, Long> committed = commit(s, factory, impl.getOffsetStore(), held);
            for (Map.Entry<MessageQueue, Long> e : committed.entrySet()) {
                s.calls.release(e.getKey(), e.getValue()); // what it consumed at or after them is consumed again
            }
            // out of the client's consumer table first: its rebalance then never takes a queue for this group again
            factory.unregisterConsumer(s.group);
            for (MessageQueue mq : held) {
                rebalance.removeProcessQueue(mq); // drops it, commits its offset again, unlocks an orderly queue
            }
            confirmLeft(s, factory);
            s.calls.sweep();
            s.left = true;
        }
        AgentLogger.info("rocketmq: " + s + ": left its group (offsets committed, queues released to the other"
                + " consumers)");
    }

    /** Commits every held queue's offset and reads it back from the broker (the client's commit is one-way). */
    private Map<MessageQueue, Long> commit(ConsumerState s, MQClientInstance factory, OffsetStore store,
                                           List<MessageQueue> held) throws Exception {
        Map<MessageQueue, Long> out = new HashMap<MessageQueue, Long>();
        for (MessageQueue mq : held) {
            long offset = store.readOffset(mq, ReadOffsetType.READ_FROM_MEMORY);
            if (offset < 0) {
                continue;
            }
            int tries = 0;
            while (true) {
                store.persist(mq);
                long committed = broker.committed(factory, s.group, mq, true);
                if (committed >= offset) {
                    out.put(mq, committed);
                    break;
                }
                if (++tries >= COMMIT_TRIES) {
                    AgentLogger.warn("rocketmq: " + s + ": the broker has offset " + committed + " of " + mq
                            + ", not " + offset + " as committed; its messages in between are consumed again");
                    out.put(mq, committed);
                    break;
                }
                Thread.sleep(CHECK_MILLIS);
            }
        }
        return out;
    }

    /** The broker no longer lists this client in the group (a heartbeat sent before the unregister re-adds it). */
    private void confirmLeft(ConsumerState s, MQClientInstance factory) throws InterruptedException {
        String me = factory.getClientId();
        for (String topic : s.subs.keySet()) {
            for (int tries = 0; ; tries++) {
                List<String> ids = factory.findConsumerIdList(topic, s.group);
                if (ids == null || !ids.contains(me)) {
                    break;
                }
                if (tries >= COMMIT_TRIES) {
                    AgentLogger.warn("rocketmq: " + s + ": the broker still lists this client in the group; its"
                            + " queues move when the broker expires it");
                    return;
                }
                factory.unregisterConsumer(s.group);
                Thread.sleep(5 * CHECK_MILLIS);
            }
        }
    }

    @Override
    public void resumeWork() throws Exception {
        synchronized (lock) {
            offline = false;
            lock.notifyAll();
        }
        Exception failed = null;
        for (ConsumerState s : pushConsumers()) {
            try {
                resume(s, broker);
            } catch (Exception e) {
                failed = e;
                AgentLogger.warn("rocketmq: " + s + ": could not rejoin its group", e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static void resume(ConsumerState s, BrokerQueries broker) {
        DefaultMQPushConsumer push = s.push;
        synchronized (s) {
            if (!s.offline) {
                return;
            }
            if (s.left) {
                MQClientInstance factory = push.getDefaultMQPushConsumerImpl().getmQClientFactory();
                factory.registerConsumer(s.group, push.getDefaultMQPushConsumerImpl());
                broker.protocol().heartbeat(factory);
                s.left = false;
            }
            s.offline = false;
            // not push.resume(): it rebalances on this thread, and taking a queue over waits for its previous owner
            push.getDefaultMQPushConsumerImpl().setPause(false);
            push.getDefaultMQPushConsumerImpl().getmQClientFactory().rebalanceImmediately();
        }
        AgentLogger.info("rocketmq: " + s + ": online, rejoined its group and pulls again");
    }

    @Override
    public long inFlight() {
        long n = 0;
        for (ConsumerState s : registry.all()) {
            n += s.calls.running();
            if (s.offline && !s.left) {
                n += 1 + s.calls.held();
            }
        }
        return n;
    }

    /** Listener calls started since the consumers started (the lifecycle compares it across its quiet period). */
    @Override
    public long startedTotal() {
        long n = 0;
        for (ConsumerState s : registry.all()) {
            n += s.calls.started();
        }
        return n;
    }

    /** Periodic: redeliveries of queues the client's own rebalance released. */
    void sweep() {
        for (ConsumerState s : registry.all()) {
            s.calls.sweep();
        }
    }
}
