package io.graylane.e2e.mq;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application under test, in its own JVM (with or without the agent). Knows nothing of graylane except that it
 * reads {@code LaneContext.currentLane()} to print which lane its listener runs in, and sets a lane around sends to
 * play an incoming request of that lane.
 *
 * <pre>
 * consume NAMESRV TOPIC GROUP [ECHO_TOPIC]   prints "C key msgLane ctxLane thread"; stdin "stop" shuts down
 * work NAMESRV TOPIC GROUP MILLIS             as consume, each message takes MILLIS; client defaults otherwise
 *                                             (offsets committed every 5 s); shuts the consumer down on SIGTERM
 * produce NAMESRV TOPIC                       stdin: send PREFIX N LANE|- MODE | stream PREFIX MILLIS GRAY_EVERY
 *                                             (0: none gray) | halt | quit
 * </pre>
 * Every line it prints for the test starts with a one-word tag; "-" stands for no lane.
 */
public final class MqApp {
    private static final String PROP = "graylane_lane";

    public static void main(String[] a) throws Exception {
        // the client this JVM loaded, e.g. V4_9_8 -> 4.9.8 (the test compares it with its version-matrix entry)
        out("VERSION rocketmq-client=" + org.apache.rocketmq.common.MQVersion.getVersionDesc(
                org.apache.rocketmq.common.MQVersion.CURRENT_VERSION).replaceFirst("^V", "").replace('_', '.'));
        if ("consume".equals(a[0])) {
            consume(a[1], a[2], a[3], a.length > 4 ? a[4] : null);
        } else if ("work".equals(a[0])) {
            work(a[1], a[2], a[3], Long.parseLong(a[4]));
        } else if ("poll".equals(a[0])) {
            poll(a[1], a[2], a[3]);
        } else {
            produce(a[1], a[2]);
        }
    }

    static void out(String s) {
        synchronized (System.out) {
            System.out.println(s);
            System.out.flush();
        }
    }

    private static String nz(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /**
     * The client's default (3 s) was exceeded by a batch send on a 2-core box at load 12-19 (4.9.8:
     * RemotingTooMuchRequestException "sendDefaultImpl call timeout"), which killed the producer app.
     */
    private static final int SEND_TIMEOUT_MILLIS = 15000;

    private static void consume(String ns, String topic, String group, String echoTopic) throws Exception {
        DefaultMQProducer echo = null;
        if (echoTopic != null) {
            echo = new DefaultMQProducer("echo-" + group);
            echo.setNamesrvAddr(ns);
            echo.setSendMsgTimeout(SEND_TIMEOUT_MILLIS);
            echo.start();
        }
        final DefaultMQProducer echoProducer = echo;
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(ns);
        // the client heartbeat race of apache/rocketmq#3434 (brief): a consumer can be refused pulls for up to 30 s
        c.setHeartbeatBrokerInterval(1000);
        c.setPersistConsumerOffsetInterval(1000);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                String lane = LaneContext.currentLane();
                out("C " + m.getKeys() + " " + nz(m.getUserProperty(PROP)) + " " + nz(lane) + " "
                        + Thread.currentThread().getName());
                if (echoProducer != null) {
                    Message e = new Message(echoTopic, ("echo " + m.getKeys()).getBytes(StandardCharsets.UTF_8));
                    e.setKeys(m.getKeys());
                    try {
                        echoProducer.send(e);
                    } catch (Exception ex) {
                        out("ERR echo " + ex);
                        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        out("STARTING " + System.currentTimeMillis());
        c.start();
        out("READY " + System.currentTimeMillis() + " group=" + c.getConsumerGroup());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if ("stop".equals(line.trim())) {
                break;
            }
        }
        long t = System.currentTimeMillis();
        c.shutdown();
        if (echoProducer != null) {
            echoProducer.shutdown();
        }
        out("STOPPED " + t);
        System.exit(0);
    }

    /**
     * A consumer as applications run it: client defaults (offsets committed every 5 s), a listener that takes
     * {@code workMillis} per message and prints "C key msgLane ctxLane thread" once done, {@code shutdown()} in a JVM
     * shutdown hook.
     */
    private static void work(String ns, String topic, String group, long workMillis) throws Exception {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(ns);
        c.setHeartbeatBrokerInterval(1000); // the client heartbeat race of apache/rocketmq#3434 (brief)
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                try {
                    Thread.sleep(workMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
                out("C " + m.getKeys() + " " + nz(m.getUserProperty(PROP)) + " " + nz(LaneContext.currentLane()) + " "
                        + Thread.currentThread().getName() + " " + m.getReconsumeTimes());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            c.shutdown();
            out("STOPPED " + System.currentTimeMillis());
        }, "app-shutdown"));
        c.start();
        out("READY " + System.currentTimeMillis() + " group=" + c.getConsumerGroup());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !"stop".equals(line.trim())) {
            // wait
        }
        System.exit(0);
    }

    /** Lite pull: prints "C key msgLane ctxLane thread" for each polled message, the lane read right after poll(). */
    private static void poll(String ns, String topic, String group) throws Exception {
        org.apache.rocketmq.client.consumer.DefaultLitePullConsumer c =
                new org.apache.rocketmq.client.consumer.DefaultLitePullConsumer(group);
        c.setNamesrvAddr(ns);
        c.setHeartbeatBrokerInterval(1000);
        c.setAutoCommitIntervalMillis(1000);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        out("STARTING " + System.currentTimeMillis());
        c.start();
        out("READY " + System.currentTimeMillis() + " group=" + c.getConsumerGroup());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (running.get()) {
                for (MessageExt m : c.poll(200)) {
                    out("C " + m.getKeys() + " " + nz(m.getUserProperty(PROP)) + " " + nz(LaneContext.currentLane())
                            + " " + Thread.currentThread().getName());
                }
            }
        }, "poller");
        poller.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !"stop".equals(line.trim())) {
            // wait
        }
        running.set(false);
        poller.join();
        c.shutdown();
        out("STOPPED " + System.currentTimeMillis());
        System.exit(0);
    }

    private static void produce(String ns, String topic) throws Exception {
        DefaultMQProducer p = new DefaultMQProducer("producer-" + topic);
        p.setNamesrvAddr(ns);
        p.setSendMsgTimeout(SEND_TIMEOUT_MILLIS);
        p.start();
        TransactionMQProducer tp = new TransactionMQProducer("tx-producer-" + topic);
        tp.setNamesrvAddr(ns);
        tp.setSendMsgTimeout(SEND_TIMEOUT_MILLIS);
        tp.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        tp.start();
        out("READY " + System.currentTimeMillis());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        AtomicBoolean streaming = new AtomicBoolean();
        Thread streamer = null;
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "send" -> send(p, tp, topic, w[1], Integer.parseInt(w[2]), w[3], w[4]);
                case "stream" -> {
                    streaming.set(true);
                    String prefix = w[1];
                    long every = Long.parseLong(w[2]);
                    int grayEvery = Integer.parseInt(w[3]);
                    streamer = new Thread(() -> stream(p, topic, prefix, every, grayEvery, streaming), "streamer");
                    streamer.start();
                }
                case "halt" -> {
                    streaming.set(false);
                    if (streamer != null) {
                        streamer.join();
                    }
                    out("HALTED " + System.currentTimeMillis());
                }
                case "quit" -> {
                    p.shutdown();
                    tp.shutdown();
                    System.exit(0);
                }
                default -> out("ERR unknown command " + line);
            }
        }
        System.exit(0);
    }

    private static void stream(DefaultMQProducer p, String topic, String prefix, long every, int grayEvery,
                               AtomicBoolean on) {
        int i = 0;
        while (on.get()) {
            String key = prefix + "-" + i;
            String lane = grayEvery > 0 && i % grayEvery == 0 ? "gray" : null;
            LaneSnapshot prev = LaneContext.swap(lane == null ? null : LaneSnapshot.of(lane, "api"));
            try {
                SendResult r = p.send(new Message(topic, "TagA", key, key.getBytes(StandardCharsets.UTF_8)));
                if (r.getSendStatus() == SendStatus.SEND_OK) {
                    out("S " + key + " " + nz(lane));
                }
            } catch (Exception e) {
                out("ERR send " + key + " " + e);
            } finally {
                LaneContext.restore(prev);
            }
            i++;
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void send(DefaultMQProducer p, TransactionMQProducer tp, String topic, String prefix, int n,
                             String lane, String mode) throws Exception {
        String expected = "-".equals(lane) ? null : lane;
        String explicit = mode.startsWith("explicit:") ? mode.substring("explicit:".length()) : null;
        if (explicit != null) {
            expected = explicit;
        }
        LaneSnapshot prev = LaneContext.swap("-".equals(lane) ? null : LaneSnapshot.of(lane, "api"));
        try {
            List<Message> batch = new ArrayList<>();
            CountDownLatch async = new CountDownLatch(mode.equals("async") ? n : 0);
            AtomicInteger failed = new AtomicInteger();
            for (int i = 0; i < n; i++) {
                String key = prefix + "-" + i;
                Message m = new Message(topic, "TagA", key, key.getBytes(StandardCharsets.UTF_8));
                if (explicit != null) {
                    m.putUserProperty(PROP, explicit);
                }
                final String exp = expected;
                switch (mode) {
                    case "async" -> p.send(m, new SendCallback() {
                        @Override
                        public void onSuccess(SendResult r) {
                            out("S " + key + " " + nz(exp));
                            async.countDown();
                        }

                        @Override
                        public void onException(Throwable e) {
                            out("ERR async " + key + " " + e);
                            failed.incrementAndGet();
                            async.countDown();
                        }
                    });
                    case "oneway" -> {
                        p.sendOneway(m);
                        out("S " + key + " " + nz(exp));
                    }
                    case "batch" -> batch.add(m);
                    case "tx" -> {
                        SendResult r = tp.sendMessageInTransaction(m, null);
                        if (r.getSendStatus() == SendStatus.SEND_OK) {
                            out("S " + key + " " + nz(exp));
                        }
                    }
                    default -> {
                        SendResult r = p.send(m);
                        if (r.getSendStatus() == SendStatus.SEND_OK) {
                            out("S " + key + " " + nz(exp));
                        }
                    }
                }
            }
            if (!batch.isEmpty()) {
                SendResult r = p.send(batch);
                if (r.getSendStatus() == SendStatus.SEND_OK) {
                    for (Message m : batch) {
                        out("S " + m.getKeys() + " " + nz(expected));
                    }
                }
            }
            async.await(30, TimeUnit.SECONDS);
        } finally {
            LaneContext.restore(prev);
        }
        out("DONE " + prefix);
    }
}
