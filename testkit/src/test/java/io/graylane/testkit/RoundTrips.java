package io.graylane.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/** The real round trips shared by the tests and {@code testkit.sh check}. */
public final class RoundTrips {

    public static final String LANE = "graylane_lane";
    public static final String GRAY_SQL = LANE + " = 'gray'";
    public static final String BASELINE_SQL = LANE + " IS NULL OR " + LANE + " <> 'gray'";

    static {
        // the RocketMQ 4.x client logs under ${user.home}/logs unless told
        if (System.getProperty("rocketmq.client.logRoot") == null) {
            System.setProperty("rocketmq.client.logRoot",
                    TestkitHome.home().resolve("rocketmq-client-logs").toString());
        }
    }

    private RoundTrips() {
    }

    /** Creates a znode with data and reads it back through Curator; returns milliseconds. */
    public static long zooKeeper(ZooKeeperServer zk) throws Exception {
        long t0 = System.nanoTime();
        try (CuratorFramework c = CuratorFrameworkFactory.newClient(zk.connectString(), 30_000, 15_000,
                new ExponentialBackoffRetry(200, 5))) {
            c.start();
            if (!c.blockUntilConnected(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new TestkitException("no Curator session with " + zk.connectString());
            }
            String path = "/graylane/testkit/" + UUID.randomUUID();
            byte[] data = ("lane=gray " + path).getBytes(StandardCharsets.UTF_8);
            c.create().creatingParentsIfNeeded().forPath(path, data);
            byte[] read = c.getData().forPath(path);
            if (!new String(read, StandardCharsets.UTF_8).equals(new String(data, StandardCharsets.UTF_8))) {
                throw new TestkitException("znode " + path + " read back differently");
            }
            c.delete().forPath(path);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Creates {@code database}, then over JDBC (the MySQL Connector/J 5.1 that LTS uses) a table, 100 rows in one
     * transaction, and reads their sum back; returns milliseconds.
     */
    public static long mariaDb(MariaDbServer db, String database) throws Exception {
        long t0 = System.nanoTime();
        db.createDatabase(database);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                db.jdbcUrl(database) + "?useSSL=false", db.user(), db.password());
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL) ENGINE=InnoDB");
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement ins = c.prepareStatement("INSERT INTO account VALUES (?, ?)")) {
                for (int i = 1; i <= 100; i++) {
                    ins.setInt(1, i);
                    ins.setLong(2, 100L * i);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.commit();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(balance) FROM account")) {
                rs.next();
                if (rs.getInt(1) != 100 || rs.getLong(2) != 505_000L) {
                    throw new TestkitException("read back " + rs.getInt(1) + " rows, sum " + rs.getLong(2));
                }
            }
            st.executeUpdate("DROP DATABASE `" + database + "`");
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Result of a gray/baseline SQL92 split. */
    public static final class Split {
        public final int grayReceived;
        public final int baselineReceived;
        public final long millis;
        /** Phases: consumers started and seen by the broker, all sent, all received, lag 0. */
        public final String phases;

        Split(int gray, int baseline, long millis, String phases) {
            this.grayReceived = gray;
            this.baselineReceived = baseline;
            this.millis = millis;
            this.phases = phases;
        }

        @Override
        public String toString() {
            return "gray=" + grayReceived + " baseline=" + baselineReceived + " in " + millis + " ms (" + phases + ")";
        }
    }

    public static DefaultMQPushConsumer consumer(RocketMqServer mq, String group, String topic, String sql) throws Exception {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(mq.namesrvAddr());
        c.setInstanceName(group + "-" + UUID.randomUUID());
        c.setHeartbeatBrokerInterval(1000);   // brief, trap 4: avoids "subscription is not latest"
        c.setPollNameServerInterval(1000);
        c.setPersistConsumerOffsetInterval(1000);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, MessageSelector.bySql(sql));
        return c;
    }

    /**
     * On {@code topic} (created here): a gray group ({@link #GRAY_SQL}) and a baseline group
     * ({@link #BASELINE_SQL}) subscribe, {@code gray} messages with the lane property 'gray' and
     * {@code untagged} without any are sent (plus {@code otherLane} with lane 'blue'), and both groups
     * consume until their lag is 0. Exact counts of distinct messages per group are returned.
     */
    public static Split rocketMqSql92(RocketMqServer mq, String topic, int gray, int untagged, int otherLane,
                                      Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        mq.createTopic(topic);
        String grayGroup = topic + "_gray";
        String baseGroup = topic + "_baseline";
        Set<String> grayKeys = ConcurrentHashMap.newKeySet();
        Set<String> baseKeys = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer g = consumer(mq, grayGroup, topic, GRAY_SQL);
        DefaultMQPushConsumer b = consumer(mq, baseGroup, topic, BASELINE_SQL);
        DefaultMQProducer p = new DefaultMQProducer(topic + "_producer");
        p.setNamesrvAddr(mq.namesrvAddr());
        p.setInstanceName(topic + "-producer-" + UUID.randomUUID());
        try {
            g.registerMessageListener(collect(grayKeys));
            b.registerMessageListener(collect(baseKeys));
            g.start();
            b.start();
            p.start();
            Await.until("both groups connected to the broker", timeout,
                    () -> mq.consumerCount(grayGroup) == 1 && mq.consumerCount(baseGroup) == 1);
            long connected = System.nanoTime();
            send(p, topic, "gray", gray);
            send(p, topic, null, untagged);
            send(p, topic, "blue", otherLane);
            long sent = System.nanoTime();
            int expectGray = gray;
            int expectBase = untagged + otherLane;
            Await.until("gray group gets " + expectGray + " and baseline " + expectBase, timeout,
                    () -> grayKeys.size() >= expectGray && baseKeys.size() >= expectBase);
            // nothing more can arrive once both groups have consumed (or filtered) every message
            long received = System.nanoTime();
            Await.until("lag 0 for both groups", timeout,
                    () -> mq.consumerLag(grayGroup) == 0 && mq.consumerLag(baseGroup) == 0);
            long done = System.nanoTime();
            String phases = String.format("connected %d ms, sent %d ms, received %d ms, lag 0 %d ms",
                    (connected - t0) / 1_000_000, (sent - connected) / 1_000_000, (received - sent) / 1_000_000,
                    (done - received) / 1_000_000);
            return new Split(grayKeys.size(), baseKeys.size(), (done - t0) / 1_000_000, phases);
        } finally {
            p.shutdown();
            g.shutdown();
            b.shutdown();
        }
    }

    private static MessageListenerConcurrently collect(Set<String> keys) {
        return (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                keys.add(m.getKeys());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
    }

    private static void send(DefaultMQProducer p, String topic, String lane, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Message m = new Message(topic, ("m" + i).getBytes(StandardCharsets.UTF_8));
            m.setKeys((lane == null ? "none" : lane) + "-" + i);
            if (lane != null) {
                m.putUserProperty(LANE, lane);
            }
            if (p.send(m).getSendStatus() != SendStatus.SEND_OK) {
                throw new TestkitException("send not OK for " + m.getKeys());
            }
        }
    }

    /**
     * A listener in a separate JVM registers, a new value is published over HTTP, and the listener must be
     * handed it; returns publish-to-listener latency in ms (wall clock across the two JVMs).
     */
    public static long nacosListen(NacosServer nacos, Duration timeout) {
        String dataId = "graylane-rt-" + UUID.randomUUID();
        String group = "GRAYLANE";
        try (NacosListener l = nacos.listener(dataId, group)) {
            String value = "lane.gray.percent=" + System.nanoTime();
            long publishedAt = System.currentTimeMillis();
            if (!nacos.publishConfig(dataId, group, value)) {
                throw new TestkitException("Nacos refused the publish of " + dataId);
            }
            NacosListener.Event e = l.awaitContent(value, timeout);
            nacos.removeConfig(dataId, group);
            return e.receivedAtMillis - publishedAt;
        }
    }
}
