package io.graylane.bench;

import io.graylane.testkit.RocketMqServer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RocketMQ produce + consume throughput with and without the agent, in alternating rounds against one real broker.
 * {@code driver <agentJar> <rounds> <messages>} starts the broker and forks one worker JVM per round and variant;
 * a worker ({@code worker <namesrv> <topic> <group> <messages>}) warms up on half as many messages, then sends the
 * messages from 4 threads (sync sends, 100 B) to a push consumer in the same JVM and reports messages per second from
 * the first timed send to the last delivery.
 * Last line: {@code mq-overhead without=<n>msg/s with=<n>msg/s ratio=<r>}.
 */
public final class MqThroughput {
    private MqThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if ("worker".equals(args[0])) {
            worker(args[1], args[2], args[3], Integer.parseInt(args[4]));
        } else {
            driver(Paths.get(args[1]).toAbsolutePath(), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
    }

    static void driver(Path agentJar, int rounds, int messages) throws Exception {
        List<String> topics = new ArrayList<>();
        for (int r = 0; r < rounds * 2 + 2; r++) {
            topics.add("bench-tp-" + r);
        }
        try (RocketMqServer mq = RocketMqServer.start(true, topics.toArray(new String[0]))) {
            System.err.println("broker up: " + mq.namesrvAddr());
            double[] without = new double[rounds];
            double[] with = new double[rounds];
            int t = 0;
            // one warm-up round of each, not counted
            run(mq, null, topics.get(t++), messages);
            run(mq, agentJar, topics.get(t++), messages);
            for (int r = 0; r < rounds; r++) {
                without[r] = run(mq, null, topics.get(t++), messages);
                with[r] = run(mq, agentJar, topics.get(t++), messages);
                System.out.printf("round %d: without=%.0f msg/s with=%.0f msg/s%n", r + 1, without[r], with[r]);
            }
            double mw = median(without);
            double ma = median(with);
            System.out.printf("mq-overhead without=%.0fmsg/s with=%.0fmsg/s ratio=%.3f%n", mw, ma, ma / mw);
        }
    }

    static double run(RocketMqServer mq, Path agentJar, String topic, int messages) throws Exception {
        Path home = Files.createTempDirectory("mq-bench-");
        List<String> cmd = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Duser.home=" + home, "-Drocketmq.client.logRoot=" + home));
        if (agentJar != null) {
            cmd.add("-javaagent:" + agentJar);
        }
        cmd.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), MqThroughput.class.getName(),
                "worker", mq.namesrvAddr(), topic, "bench-group-" + topic, String.valueOf(messages)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7).trim();
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || result == null) {
            throw new IllegalStateException("worker failed:\n" + out);
        }
        return Double.parseDouble(result);
    }

    static void worker(String namesrv, String topic, String group, int messages) throws Exception {
        AtomicLong received = new AtomicLong();
        CountDownLatch probe = new CountDownLatch(1);
        int warmUp = messages / 2;
        CountDownLatch all = new CountDownLatch(warmUp + messages);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setHeartbeatBrokerInterval(1000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (var m : msgs) {
                if ("probe".equals(m.getTags())) {
                    probe.countDown();
                } else {
                    received.incrementAndGet();
                    all.countDown();
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        DefaultMQProducer producer = new DefaultMQProducer("bench-producer-" + topic);
        producer.setNamesrvAddr(namesrv);
        producer.start();
        // the consumer is really consuming before the clock starts
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!probe.await(500, TimeUnit.MILLISECONDS)) {
            producer.send(new Message(topic, "probe", "p".getBytes(StandardCharsets.UTF_8)));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer never received the probe");
            }
        }
        byte[] body = new byte[100];
        ExecutorService senders = Executors.newFixedThreadPool(4);
        // warm up (JIT, and the agent's background set-up) on half as many messages, untimed
        sendAll(producer, senders, topic, body, warmUp);
        while (received.get() < warmUp) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        sendAll(producer, senders, topic, body, messages);
        if (!all.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("consumed " + received.get() + " of " + (warmUp + messages));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("RESULT " + (messages / seconds));
        senders.shutdown();
        producer.shutdown();
        consumer.shutdown();
        System.exit(0);
    }

    static void sendAll(DefaultMQProducer producer, ExecutorService senders, String topic, byte[] body, int messages)
            throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final int share = messages / 4 + (t < messages % 4 ? 1 : 0);
            futures.add(senders.submit(() -> {
                for (int i = 0; i < share; i++) {
                    if (producer.send(new Message(topic, "m", body)).getSendStatus() != SendStatus.SEND_OK) {
                        throw new IllegalStateException("send not OK");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
