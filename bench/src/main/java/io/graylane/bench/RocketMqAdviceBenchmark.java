package io.graylane.bench;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.mq.MqBridge;
import io.graylane.plugin.rocketmq.RocketMqAdvice;
import io.graylane.plugin.rocketmq.client.BenchListeners;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the RocketMQ plugin adds per message, in process, on real rocketmq-client 5.3.3 objects:
 * <ul>
 *   <li>send: {@code RocketMqAdvice.Stamp} (inlined at the entry of {@code DefaultMQProducer.send*}) on a new
 *   {@link Message}; {@code sendReference} is the message's construction alone;</li>
 *   <li>consume: the plugin's typed listener wrapper ({@code LaneListenerConcurrently}, registered on a push consumer
 *   that is never started, exactly as the plugin registers it) around a listener that does nothing, for a one-message
 *   batch; {@code consumeReference} calls that listener directly.</li>
 * </ul>
 * Baseline node, baseline message and message of the lane {@code gray}.
 * Run: {@code java -jar bench/target/benchmarks.jar RocketMqAdvice -prof gc -prof io.graylane.bench.CpuTimeProfiler}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RocketMqAdviceBenchmark {
    private static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);
    private final LaneSnapshot gray = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_RULE);
    private MessageListenerConcurrently listener;
    private MessageListenerConcurrently wrapped;
    private List<MessageExt> baselineBatch;
    private List<MessageExt> grayBatch;
    private ConsumeConcurrentlyContext context;
    private Blackhole hole;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        hole = blackhole;
        listener = (msgs, ctx) -> {
            hole.consume(LaneContext.current());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
        wrapped = BenchListeners.wrapped(listener, "bench-group", null);
        baselineBatch = Collections.singletonList(message(null));
        grayBatch = Collections.singletonList(message("gray"));
        context = new ConsumeConcurrentlyContext(new MessageQueue("bench", "broker-a", 0));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        LaneContext.restore(null);
    }

    @Benchmark
    public Message sendReference() {
        return new Message("bench", BODY);
    }

    @Benchmark
    public Message sendOnBaseline() {
        Message m = new Message("bench", BODY);
        RocketMqAdvice.Stamp.enter(m);
        return m;
    }

    @Benchmark
    public Message sendInLane() {
        LaneSnapshot prev = LaneContext.swap(gray);
        try {
            Message m = new Message("bench", BODY);
            RocketMqAdvice.Stamp.enter(m);
            return m;
        } finally {
            LaneContext.restore(prev);
        }
    }

    @Benchmark
    public ConsumeConcurrentlyStatus consumeReference() {
        return listener.consumeMessage(baselineBatch, context);
    }

    @Benchmark
    public ConsumeConcurrentlyStatus consumeOnBaseline() {
        return wrapped.consumeMessage(baselineBatch, context);
    }

    @Benchmark
    public ConsumeConcurrentlyStatus consumeInLane() {
        return wrapped.consumeMessage(grayBatch, context);
    }

    private static MessageExt message(String lane) {
        MessageExt m = new MessageExt();
        m.setTopic("bench");
        m.setBody(BODY);
        m.setBrokerName("broker-a");
        m.setQueueId(0);
        if (lane != null) {
            m.putUserProperty(MqBridge.property(), lane);
        }
        return m;
    }
}
