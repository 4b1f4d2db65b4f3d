package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.OffsetStore;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listener calls of one push consumer: how many run now and how many started (what the node lifecycle counts),
 * and the messages this node consumed that another consumer will be handed again.
 *
 * <p>Redeliveries. The broker hands a queue to another consumer from the queue's committed offset. When this
 * consumer gives a queue up (the client's rebalance, or the node going offline), every message it consumed at or
 * after the offset it committed on release is consumed again there: a call still running when the queue was dropped
 * (the client discards its result), or a later message finished before an earlier one (concurrent consumption
 * commits the lowest unfinished offset). Those are counted here, per queue and process queue, as
 * {@code graylane_mq_redelivered_total{group,cause="released"}}. Messages the broker hands back from the retry topic
 * ({@code reconsumeTimes > 0}) are counted by the consumer receiving them, {@code cause="retry"}. A node that dies
 * without releasing its queues (kill -9) counts nothing: its consumers cannot say what they consumed.
 */
final class ListenerCalls {
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final ConsumerState state;
    /** Consumption of each process queue this consumer was handed, until it was released and its calls ended. */
    private final Map<ProcessQueue, QueueConsumption> queues = new IdentityHashMap<ProcessQueue, QueueConsumption>();
    /** The last process queue's consumption per queue (one entry per queue ever held: bounded by the topics). */
    private final Map<MessageQueue, QueueConsumption> lastByQueue = new java.util.HashMap<MessageQueue, QueueConsumption>();
    private volatile Counter released;
    private volatile Counter retried;

    /** What one process queue (one assignment of a queue to this consumer) consumed above its committed offset. */
    static final class QueueConsumption {
        final MessageQueue mq;
        final ProcessQueue pq;
        /** Offsets consumed at or above the committed offset (pruned as the offset advances). */
        final TreeSet<Long> done = new TreeSet<Long>();
        int calls;
        boolean released;
        long committedOnRelease;

        QueueConsumption(MessageQueue mq, ProcessQueue pq) {
            this.mq = mq;
            this.pq = pq;
        }
    }

    ListenerCalls(ConsumerState state) {
        this.state = state;
    }

    long running() {
        return running.get();
    }

    long started() {
        return started.get();
    }

    /** A call begins; the token to hand to {@link #end}. Never throws. */
    QueueConsumption begin(List<MessageExt> batch, MessageQueue mq) {
        running.incrementAndGet();
        started.incrementAndGet();
        try {
            long again = 0;
            for (MessageExt m : batch) {
                if (m.getReconsumeTimes() > 0) {
                    again++;
                }
            }
            if (again > 0) {
                retried().add(again);
            }
            DefaultMQPushConsumer push = state.push;
            if (push == null || mq == null) {
                return null;
            }
            ProcessQueue pq = push.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().get(mq);
            synchronized (queues) {
                QueueConsumption q;
                if (pq == null) {
                    // the client dropped the queue and took it out of its table after this call passed its own
                    // "dropped" check: the call runs on the last process queue seen for mq, its result is discarded
                    q = lastByQueue.get(mq);
                    if (q == null || !q.pq.isDropped()) {
                        return null; // never seen (or pop consumption, which has no process queue here)
                    }
                } else {
                    q = queues.get(pq);
                    if (q == null) {
                        q = new QueueConsumption(mq, pq);
                        queues.put(pq, q);
                        lastByQueue.put(mq, q);
                    }
                }
                q.calls++;
                return q;
            }
        } catch (Throwable t) {
            return null;
        }
    }

    /** A call ended; {@code consumed}: the listener acknowledged {@code batch}. Never throws. */
    void end(QueueConsumption q, List<MessageExt> batch, boolean consumed) {
        running.decrementAndGet();
        if (q == null) {
            return;
        }
        try {
            synchronized (queues) {
                q.calls--;
                if (consumed) {
                    if (q.released) {
                        long again = 0;
                        for (MessageExt m : batch) {
                            if (m.getQueueOffset() >= q.committedOnRelease) {
                                again++;
                            }
                        }
                        if (again > 0) {
                            released().add(again);
                        }
                    } else {
                        for (MessageExt m : batch) {
                            q.done.add(m.getQueueOffset());
                        }
                        prune(q);
                    }
                }
                check(q);
            }
        } catch (Throwable t) {
            // counting must never hurt the listener call
        }
    }

    /** Accounts for queues the client dropped since the last look (called by the agent's periodic task too). */
    void sweep() {
        synchronized (queues) {
            for (Iterator<QueueConsumption> it = queues.values().iterator(); it.hasNext(); ) {
                QueueConsumption q = it.next();
                try {
                    check(q);
                } catch (Throwable t) {
                    // looked at again on the next sweep
                }
                if (q.released && q.calls == 0) {
                    it.remove();
                }
            }
        }
    }

    /**
     * This consumer gives {@code mq} up with {@code committed} committed on the broker (the node going offline):
     * what it consumed at or after it is consumed again by the next owner.
     */
    void release(MessageQueue mq, long committed) {
        synchronized (queues) {
            QueueConsumption q = lastByQueue.get(mq);
            if (q == null || q.released) {
                return;
            }
            q.committedOnRelease = committed;
            q.released = true;
            int again = q.done.tailSet(committed).size();
            q.done.clear();
            if (again > 0) {
                released().add(again);
            }
        }
    }

    /** Guarded by queues. */
    private void check(QueueConsumption q) {
        if (q.released || !q.pq.isDropped()) {
            return;
        }
        // the client committed the lowest offset it had not finished: the first message still in the dropped process
        // queue (calls still running keep theirs there: the client does not process a dropped queue's results)
        long committed = Long.MAX_VALUE;
        TreeMap<Long, MessageExt> left = q.pq.getMsgTreeMap();
        if (!left.isEmpty()) {
            committed = left.firstKey();
        }
        q.committedOnRelease = committed;
        q.released = true;
        int again = q.done.tailSet(committed).size();
        q.done.clear();
        if (again > 0) {
            released().add(again);
        }
    }

    /** Guarded by queues: offsets below the committed one are never handed out again. */
    private void prune(QueueConsumption q) {
        OffsetStore store = state.push.getDefaultMQPushConsumerImpl().getOffsetStore();
        long committed = store == null ? -1 : store.readOffset(q.mq, ReadOffsetType.READ_FROM_MEMORY);
        if (committed > 0) {
            q.done.headSet(committed).clear();
        }
    }

    /** Messages pulled and not yet acknowledged (running calls included), over the consumer's live process queues. */
    long held() {
        DefaultMQPushConsumer push = state.push;
        if (push == null) {
            return 0;
        }
        long n = 0;
        for (ProcessQueue pq : push.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
                .values()) {
            if (!pq.isDropped()) {
                n += pq.getMsgCount().get();
            }
        }
        return n;
    }

    private Counter released() {
        Counter c = released;
        if (c == null) {
            c = MetricRegistry.counter("graylane_mq_redelivered_total", REDELIVERED_HELP, "group", state.group,
                    "cause", "released");
            released = c;
        }
        return c;
    }

    private Counter retried() {
        Counter c = retried;
        if (c == null) {
            c = MetricRegistry.counter("graylane_mq_redelivered_total", REDELIVERED_HELP, "group", state.group,
                    "cause", "retry");
            retried = c;
        }
        return c;
    }

    static final String REDELIVERED_HELP = "messages consumed more than once: released = consumed by this node above"
            + " the offset it committed when it gave the queue up (another consumer gets them again); retry = handed"
            + " back by the broker's retry topic";
}
