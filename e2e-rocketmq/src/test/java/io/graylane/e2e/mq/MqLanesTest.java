package io.graylane.e2e.mq;

import io.graylane.testkit.Await;
import io.graylane.testkit.RocketMqServer;
import io.graylane.testkit.Testkit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message lanes end to end: a real broker (testkit), and the producer, baseline consumer and gray consumer each in
 * their own JVM with the agent. Counts are exact: every line a consumer prints is one delivery to its listener.
 */
class MqLanesTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration START = Duration.ofSeconds(60);

    @AfterAll
    static void stop() {
        Testkit.stopShared();
    }

    /** One delivery, as a consumer printed it: "C key msgLane ctxLane thread". */
    record Delivery(String app, String key, String msgLane, String ctxLane, String thread) {
        static Delivery parse(String app, String line) {
            String[] w = line.split(" ");
            return new Delivery(app, w[1], w[2], w[3], w.length > 4 ? w[4] : "");
        }
    }

    static List<Delivery> deliveries(AppProcess app) {
        List<Delivery> out = new ArrayList<>();
        for (String l : app.lines("C")) {
            out.add(Delivery.parse(app.name, l));
        }
        return out;
    }

    static Map<String, String> sent(AppProcess producer) {
        Map<String, String> m = new HashMap<>();
        for (String l : producer.lines("S")) {
            String[] w = l.split(" ");
            m.put(w[1], w[2]);
        }
        return m;
    }

    /** Changes of the lanes a baseline consumer of {@code group} excludes, from the agent's /metrics. */
    static long laneSwitches(AppProcess baseline, String group) {
        return baseline.metric("graylane_mq_lane_switches_total", "group=\"" + group + "\"");
    }

    /** Awaits the baseline's first lane switch: the gray consumer is live and excluded (no switch before it). */
    static void awaitBaselineExcludesGray(AppProcess baseline, String group) {
        Await.until("baseline of " + group + " excludes lane gray", Duration.ofSeconds(20),
                () -> laneSwitches(baseline, group) >= 1);
    }

    /** Every sent key delivered exactly once across the consumers' deliveries. */
    static void assertEachSentKeyDeliveredOnce(Map<String, String> sent, List<Delivery> b, List<Delivery> g) {
        Map<String, Integer> times = new HashMap<>();
        b.forEach(d -> times.merge(d.key(), 1, Integer::sum));
        g.forEach(d -> times.merge(d.key(), 1, Integer::sum));
        assertEquals(sent.keySet(), times.keySet(), "every message consumed");
        Map<String, Integer> dups = new HashMap<>(times);
        dups.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), dups, "duplicates");
    }

    static void log(String s) {
        System.out.println("[mq-e2e] " + s);
    }

    @Test
    void grayAndBaselineMessagesSplitExactlyAndStayInLane() throws Exception {
        RocketMqServer mq = Testkit.sharedRocketMq();
        String topic = "lanes-split-" + SEQ.incrementAndGet();
        String echo = topic + "-echo";
        String group = "orders-" + SEQ.get();
        mq.createTopic(topic);
        mq.createTopic(echo);
        long t0 = System.currentTimeMillis();
        try (AppProcess base = AppProcess.start("split-base", "", "consume", mq.namesrvAddr(), topic, group, echo);
             AppProcess gray = AppProcess.start("split-gray", "gray", "consume", mq.namesrvAddr(), topic, group, echo);
             AppProcess prod = AppProcess.start("split-producer", "", "produce", mq.namesrvAddr(), topic)) {
            base.awaitTag("READY", START);
            String grayReady = gray.awaitTag("READY", START);
            assertTrue(grayReady.endsWith("group=" + group + "_gray"), grayReady);
            awaitBaselineExcludesGray(base, group);
            prod.awaitTag("READY", START);
            log("apps up in " + (System.currentTimeMillis() - t0) + " ms");

            // the echo check: a plain consumer (no agent) of what the listeners sent from inside the listener
            Map<String, String> echoes = new ConcurrentHashMap<>();
            AtomicInteger echoCount = new AtomicInteger();
            DefaultMQPushConsumer check = new DefaultMQPushConsumer("echo-check-" + SEQ.get());
            check.setNamesrvAddr(mq.namesrvAddr());
            check.setHeartbeatBrokerInterval(1000);
            check.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            check.subscribe(echo, "*");
            check.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    echoCount.incrementAndGet();
                    String l = m.getUserProperty("graylane_lane");
                    echoes.put(m.getKeys(), l == null ? "-" : l);
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            check.start();
            try {
                long ts = System.currentTimeMillis();
                for (String cmd : List.of("send g-sync 10 gray sync", "send g-async 10 gray async",
                        "send g-oneway 10 gray oneway", "send g-batch 10 gray batch", "send g-tx 5 gray tx",
                        "send b-sync 10 - sync", "send b-async 10 - async", "send b-oneway 5 - oneway",
                        "send b-batch 10 - batch", "send x-blue 5 gray explicit:blue")) {
                    prod.send(cmd);
                    prod.await(cmd, Duration.ofSeconds(90), l -> l.equals("DONE " + cmd.split(" ")[1]));
                }
                Map<String, String> sent = sent(prod);
                assertEquals(85, sent.size(), "sent");
                long grayExpected = sent.values().stream().filter("gray"::equals).count();
                assertEquals(45, grayExpected);
                Await.until("all delivered", Duration.ofSeconds(60),
                        () -> deliveries(base).size() + deliveries(gray).size() >= sent.size());
                Await.until("lag 0 on both groups", Duration.ofSeconds(60),
                        () -> mq.consumerLag(group) == 0 && mq.consumerLag(group + "_gray") == 0);
                Await.until("all echoes", Duration.ofSeconds(60), () -> echoes.size() >= sent.size());
                long delivered = System.currentTimeMillis() - ts;

                List<Delivery> b = deliveries(base);
                List<Delivery> g = deliveries(gray);
                Map<String, Integer> times = new HashMap<>();
                for (Delivery d : b) {
                    times.merge(d.key(), 1, Integer::sum);
                    assertEquals(sent.get(d.key()).equals("gray") ? "not gray" : sent.get(d.key()),
                            d.msgLane(), "baseline got " + d);
                    assertEquals(d.msgLane(), d.ctxLane(), "listener context " + d);
                }
                for (Delivery d : g) {
                    times.merge(d.key(), 1, Integer::sum);
                    assertEquals("gray", sent.get(d.key()), "gray got " + d);
                    assertEquals("gray", d.msgLane());
                    assertEquals("gray", d.ctxLane(), "listener context " + d);
                }
                long dups = times.values().stream().filter(n -> n > 1).count();
                assertEquals(0, dups, "duplicates");
                assertEquals(sent.keySet(), times.keySet(), "every message consumed once");
                assertEquals(grayExpected, g.size());
                assertEquals(sent.size() - grayExpected, b.size());
                for (Map.Entry<String, String> e : sent.entrySet()) {
                    assertEquals(e.getValue(), echoes.get(e.getKey()), "echo of " + e.getKey() + " (closed loop)");
                }
                log("split: sent=" + sent.size() + " gray-consumed=" + g.size() + " baseline-consumed=" + b.size()
                        + " duplicates=0 echoes=" + echoCount.get() + " delivered+lag0 in " + delivered + " ms");
            } finally {
                check.shutdown();
            }
        }
    }

    @Test
    void laneStartAndRetireUnderContinuousSendingLoseNothing() throws Exception {
        RocketMqServer mq = Testkit.sharedRocketMq();
        String topic = "lanes-flow-" + SEQ.incrementAndGet();
        String group = "billing-" + SEQ.get();
        mq.createTopic(topic);
        Result r = startRetire(mq, topic, group, "flow");
        Files.writeString(Paths.get("target", "mq-lanes.txt"), r.line() + "\n");
        log(r.line());
        assertEquals(0, r.lost(), r.line());
    }

    @Test
    void brokerWithoutSql92FallsBackToClientSideFilteringWithTheSameSplit() throws Exception {
        String topic = "lanes-nosql-" + SEQ.incrementAndGet();
        String group = "stock-" + SEQ.get();
        try (RocketMqServer mq = RocketMqServer.start(false, topic)) {
            assertTrue(!mq.sql92Enabled(), "broker has SQL92 off");
            try (AppProcess base = AppProcess.start("nosql-base", "", "consume", mq.namesrvAddr(), topic, group);
                 AppProcess gray = AppProcess.start("nosql-gray", "gray", "consume", mq.namesrvAddr(), topic, group);
                 AppProcess prod = AppProcess.start("nosql-producer", "", "produce", mq.namesrvAddr(), topic)) {
                base.awaitTag("READY", START);
                gray.awaitTag("READY", START);
                Await.until("gray falls back to client-side filtering", Duration.ofSeconds(20),
                        () -> gray.metric("graylane_mq_client_filter_total", "group=\"" + group + "_gray\"") == 1);
                Await.until("gray consumer connected", Duration.ofSeconds(20),
                        () -> !mq.consumerConnections(group + "_gray").isEmpty());
                log("sql92 off: connections " + mq.consumerConnections(group + "_gray") + " / "
                        + mq.consumerConnections(group));
                awaitBaselineExcludesGray(base, group);
                prod.awaitTag("READY", START);
                for (String cmd : List.of("send g 20 gray sync", "send b 20 - sync", "send x 5 gray explicit:blue")) {
                    prod.send(cmd);
                    prod.await(cmd, Duration.ofSeconds(90), l -> l.equals("DONE " + cmd.split(" ")[1]));
                }
                Map<String, String> sent = sent(prod);
                assertEquals(45, sent.size());
                Await.until("all delivered", Duration.ofSeconds(60),
                        () -> deliveries(base).size() + deliveries(gray).size() >= sent.size());
                Await.until("lag 0 on both groups", Duration.ofSeconds(60),
                        () -> mq.consumerLag(group) == 0 && mq.consumerLag(group + "_gray") == 0);
                List<Delivery> b = deliveries(base);
                List<Delivery> g = deliveries(gray);
                assertEquals(20, g.size(), "gray deliveries " + g);
                assertEquals(25, b.size(), "baseline deliveries " + b);
                assertTrue(g.stream().allMatch(d -> d.msgLane().equals("gray") && d.ctxLane().equals("gray")), "" + g);
                assertTrue(b.stream().noneMatch(d -> d.msgLane().equals("gray")), "" + b);
                assertTrue(b.stream().allMatch(d -> d.msgLane().equals(d.ctxLane())), "" + b);
                assertEachSentKeyDeliveredOnce(sent, b, g);
                log("sql92 off: sent=" + sent.size() + " gray-consumed=" + g.size() + " baseline-consumed=" + b.size()
                        + " duplicates=0 (client-side filter)");
            }
        }
    }

    @Test
    void litePullConsumersSplitExactlyAndPollRestoresTheLane() throws Exception {
        RocketMqServer mq = Testkit.sharedRocketMq();
        String topic = "lanes-lite-" + SEQ.incrementAndGet();
        String group = "audit-" + SEQ.get();
        mq.createTopic(topic);
        try (AppProcess base = AppProcess.start("lite-base", "", "poll", mq.namesrvAddr(), topic, group);
             AppProcess gray = AppProcess.start("lite-gray", "gray", "poll", mq.namesrvAddr(), topic, group);
             AppProcess prod = AppProcess.start("lite-producer", "", "produce", mq.namesrvAddr(), topic)) {
            base.awaitTag("READY", START);
            assertTrue(gray.awaitTag("READY", START).endsWith("group=" + group + "_gray"));
            awaitBaselineExcludesGray(base, group);
            prod.awaitTag("READY", START);
            for (String cmd : List.of("send g 20 gray sync", "send b 20 - sync")) {
                prod.send(cmd);
                prod.await(cmd, Duration.ofSeconds(90), l -> l.equals("DONE " + cmd.split(" ")[1]));
            }
            Map<String, String> sent = sent(prod);
            Await.until("all delivered", Duration.ofSeconds(60),
                    () -> deliveries(base).size() + deliveries(gray).size() >= sent.size());
            // lite pull commits only what poll() returned: queues whose tail the SQL92 filter skipped keep a lag, so
            // lag 0 cannot prove "nothing more comes"; wait for 3 s without a new delivery instead
            int[] last = {-1};
            long[] since = {System.currentTimeMillis()};
            Await.until("3 s without a new delivery", Duration.ofSeconds(60), () -> {
                int n = deliveries(base).size() + deliveries(gray).size();
                if (n != last[0]) {
                    last[0] = n;
                    since[0] = System.currentTimeMillis();
                }
                return System.currentTimeMillis() - since[0] >= 3000;
            });
            List<Delivery> b = deliveries(base);
            List<Delivery> g = deliveries(gray);
            assertEquals(20, g.size(), "gray " + g);
            assertEquals(20, b.size(), "baseline " + b);
            assertTrue(g.stream().allMatch(d -> d.msgLane().equals("gray") && d.ctxLane().equals("gray")), "" + g);
            assertTrue(b.stream().allMatch(d -> d.msgLane().equals("-") && d.ctxLane().equals("-")), "" + b);
            assertEquals(40, sent.size(), "sent");
            assertEachSentKeyDeliveredOnce(sent, b, g);
            log("lite pull: sent=" + sent.size() + " gray-consumed=" + g.size() + " baseline-consumed=" + b.size()
                    + " duplicates=0");
        }
    }

    record Result(int sent, int consumed, int lost, int duplicates, long switchMs, String detail) {
        String line() {
            return "mq-lanes sent=" + sent + " consumed=" + consumed + " lost=" + lost + " duplicates=" + duplicates
                    + " switch-ms=" + switchMs;
        }
    }

    static Result startRetire(RocketMqServer mq, String topic, String group, String name) throws Exception {
        try (AppProcess base = AppProcess.start(name + "-base", "", "consume", mq.namesrvAddr(), topic, group);
             AppProcess prod = AppProcess.start(name + "-producer", "", "produce", mq.namesrvAddr(), topic)) {
            base.awaitTag("READY", START);
            prod.awaitTag("READY", START);
            prod.send("stream m 5 3");
            Await.until("baseline consuming", Duration.ofSeconds(30), () -> deliveries(base).size() > 200);
            assertEquals(0, laneSwitches(base, group), "no lane switch before a gray consumer exists");
            long startSwitch;
            long retireSwitch;
            try (AppProcess gray = AppProcess.start(name + "-gray", "gray", "consume", mq.namesrvAddr(), topic, group)) {
                gray.awaitTag("READY", START);
                long ready = System.nanoTime();
                awaitBaselineExcludesGray(base, group);
                startSwitch = (System.nanoTime() - ready) / 1_000_000; // observed by the test, 20 ms polling
                Await.until("gray consuming", Duration.ofSeconds(30), () -> deliveries(gray).size() > 150);
                gray.send("stop");
                gray.awaitTag("STOPPED", Duration.ofSeconds(60));
                long stopped = System.nanoTime();
                Await.until("baseline includes lane gray again", Duration.ofSeconds(20),
                        () -> laneSwitches(base, group) >= 2);
                retireSwitch = (System.nanoTime() - stopped) / 1_000_000;
                int baselineAtRetire = deliveries(base).size();
                gray.waitFor(Duration.ofSeconds(30));
                List<Delivery> grayDeliveries = deliveries(gray);
                Await.until("baseline traffic after the retirement", Duration.ofSeconds(30),
                        () -> deliveries(base).size() > baselineAtRetire);
                prod.send("halt");
                prod.awaitTag("HALTED", Duration.ofSeconds(30));
                Map<String, String> sent = sent(prod);
                Await.until("baseline lag 0", Duration.ofSeconds(60), () -> mq.consumerLag(group) == 0);
                // the gray group's backlog (sent between the gray consumer's stop and the switch) is drained by the
                // baseline node: wait until every sent key was delivered somewhere
                Map<String, Integer> times = new HashMap<>();
                Await.until("everything consumed", Duration.ofSeconds(60), () -> {
                    times.clear();
                    for (Delivery d : grayDeliveries) {
                        times.merge(d.key(), 1, Integer::sum);
                    }
                    for (Delivery d : deliveries(base)) {
                        times.merge(d.key(), 1, Integer::sum);
                    }
                    return times.keySet().containsAll(sent.keySet());
                });
                int consumed = times.values().stream().mapToInt(Integer::intValue).sum();
                int lost = (int) sent.keySet().stream().filter(k -> !times.containsKey(k)).count();
                int dups = consumed - times.size();
                long grayOnBase = deliveries(base).stream().filter(d -> d.msgLane().equals("gray")).count();
                long wrongCtx = deliveries(base).stream().filter(d -> !d.msgLane().equals(d.ctxLane())).count()
                        + grayDeliveries.stream().filter(d -> !d.ctxLane().equals("gray")).count();
                String detail = "gray consumed " + grayDeliveries.size() + ", baseline consumed "
                        + deliveries(base).size() + " (" + grayOnBase + " of lane gray: before the start, the"
                        + " switch windows and the drain; " + base.metric("graylane_mq_drained_total", "lane=\"gray\"")
                        + " drained), listener context wrong " + wrongCtx + ", start switch " + startSwitch
                        + " ms after gray READY, retire switch " + retireSwitch + " ms after gray STOPPED";
                log(detail);
                assertEquals(0, wrongCtx, "listener context");
                assertEquals(2, laneSwitches(base, group), "one switch at the start, one at the retirement");
                return new Result(sent.size(), consumed, lost, dups, Math.max(startSwitch, retireSwitch), detail);
            }
        }
    }
}
