package io.graylane.plugin.rocketmq;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.mq.MqBridge;
import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

import java.util.Collection;
import java.util.List;

/**
 * Advice woven into the RocketMQ client. Inlined: it may name client classes (they are the target's own) and
 * graylane's bootstrap classes, nothing else. Static, stateless, every Throwable suppressed.
 */
public final class RocketMqAdvice {
    private RocketMqAdvice() {
    }

    /**
     * Entry of the public {@code DefaultMQProducer} send/request/transaction methods, on the caller's thread (async
     * sends run the SDK's own hooks on another thread, where the lane is gone). A value already set is kept.
     */
    public static class Stamp {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object arg) {
            String lane = LaneContext.currentLane();
            if (lane != null) {
                String key = MqBridge.property();
                if (arg instanceof Message) {
                    if (arg instanceof Iterable) { // MessageBatch
                        for (Object o : (Iterable<?>) arg) {
                            if (o instanceof Message && ((Message) o).getProperty(key) == null) {
                                ((Message) o).putUserProperty(key, lane);
                                MqBridge.stamped(lane);
                            }
                        }
                    } else if (((Message) arg).getProperty(key) == null) {
                        ((Message) arg).putUserProperty(key, lane);
                        MqBridge.stamped(lane);
                    }
                } else if (arg instanceof Collection) {
                    for (Object o : (Collection<?>) arg) {
                        if (o instanceof Message && ((Message) o).getProperty(key) == null) {
                            ((Message) o).putUserProperty(key, lane);
                            MqBridge.stamped(lane);
                        }
                    }
                }
            }
        }
    }

    /** {@code start()} of the push consumer: group and subscription rewrite, live-lane watch. */
    public static class Start {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object consumer) {
            MqBridge.consumerStarting(consumer, null);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object consumer,
                                @Advice.Thrown(readOnly = false) Throwable thrown) {
            thrown = MqBridge.consumerStarted(consumer, thrown);
        }
    }

    /**
     * {@code start()} of the lite-pull consumer, which keeps its implementation (its subscriptions) in a private field
     * without accessor: the advice hands it over.
     */
    public static class LiteStart {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object consumer,
                                 @Advice.FieldValue("defaultLitePullConsumerImpl") Object impl) {
            MqBridge.consumerStarting(consumer, impl);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object consumer,
                                @Advice.Thrown(readOnly = false) Throwable thrown) {
            thrown = MqBridge.consumerStarted(consumer, thrown);
        }
    }

    /** {@code shutdown()} of the push and lite-pull consumers. */
    public static class Shutdown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object consumer) {
            MqBridge.consumerShutdown(consumer);
        }
    }

    /** Exit of lite-pull {@code poll(...)}: client-side filter (fallback), then the first message's lane is current. */
    public static class Poll {
        @SuppressWarnings("unchecked")
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object consumer,
                                @Advice.Return(readOnly = false) List<MessageExt> result) {
            if (result != null && !result.isEmpty()) {
                result = (List<MessageExt>) MqBridge.polled(consumer, result);
            }
            String lane = null;
            if (result != null && !result.isEmpty()) {
                lane = result.get(0).getProperty(MqBridge.property());
            }
            MqBridge.enterPolledLane(lane);
        }
    }

    /** Exit of {@code RemoteBrokerOffsetStore.readOffset(mq, type)}: where a lane group's queue starts. */
    public static class ReadOffset {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object store,
                                @Advice.FieldValue("mQClientFactory") Object clientFactory,
                                @Advice.FieldValue("groupName") String group,
                                @Advice.Argument(0) Object mq,
                                @Advice.Argument(1) ReadOffsetType type,
                                @Advice.Return(readOnly = false) long offset) {
            if (type == ReadOffsetType.READ_FROM_STORE) {
                offset = MqBridge.storeOffset(store, clientFactory, group, mq, offset);
            }
        }
    }
}
