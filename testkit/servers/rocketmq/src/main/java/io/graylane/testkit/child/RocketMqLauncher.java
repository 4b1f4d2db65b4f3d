package io.graylane.testkit.child;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.client.ConsumerGroupInfo;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.apache.rocketmq.store.MessageStore;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * Forked RocketMQ 5.3.3: a name server and one broker in this JVM, every port on 127.0.0.1.
 * Args are {@code key=value}: namesrvPort, brokerPort, haPort, dir, sql92 (true|false), topics (a,b).
 * The HA port is moved to loopback by {@link LoopbackHAService}. Ready after the first real SEND_OK. Commands: createTopic, connections, lag, sql92.
 */
public final class RocketMqLauncher {

    static final String READY_TOPIC = "testkit_ready";

    private static BrokerController broker;

    public static void main(String[] argv) {
        Child.init();
        // trap 1: without this the broker's registrations never carry topics to the name server
        System.setProperty("rocketmq.remoting.version", String.valueOf(MQVersion.CURRENT_VERSION));
        System.setProperty("tls.server.mode", "disabled");
        System.setProperty("tls.client.mode", "disabled");
        TlsSystemConfig.tlsMode = TlsMode.DISABLED;
        Child.onStop(() -> { }, 0); // nothing to keep: the run directory is throwaway; exit at once
        try {
            Map<String, String> a = new HashMap<>();
            for (String s : argv) {
                int i = s.indexOf('=');
                a.put(s.substring(0, i), s.substring(i + 1));
            }
            int namesrvPort = Integer.parseInt(a.get("namesrvPort"));
            int brokerPort = Integer.parseInt(a.get("brokerPort"));
            int haPort = Integer.parseInt(a.get("haPort"));
            boolean sql92 = Boolean.parseBoolean(a.getOrDefault("sql92", "true"));
            File dir = new File(a.get("dir"));
            String namesrvAddr = "127.0.0.1:" + namesrvPort;

            NamesrvConfig nc = new NamesrvConfig();
            nc.setKvConfigPath(new File(dir, "namesrv/kvConfig.json").getPath());
            nc.setConfigStorePath(new File(dir, "namesrv/namesrv.properties").getPath());
            NettyServerConfig nsServer = new NettyServerConfig();
            nsServer.setBindAddress("127.0.0.1");
            nsServer.setListenPort(namesrvPort);
            NamesrvController namesrv = new NamesrvController(nc, nsServer, new NettyClientConfig());
            if (!namesrv.initialize()) {
                throw new IllegalStateException("name server failed to initialize");
            }
            namesrv.start();

            BrokerConfig bc = new BrokerConfig();
            bc.setBrokerName("testkit-broker");
            bc.setBrokerClusterName("testkit");
            bc.setBrokerIP1("127.0.0.1");
            bc.setBrokerIP2("127.0.0.1");
            bc.setNamesrvAddr(namesrvAddr);
            bc.setListenPort(brokerPort);
            bc.setEnablePropertyFilter(sql92);
            bc.setAutoCreateTopicEnable(true);
            bc.setAutoCreateSubscriptionGroup(true);
            bc.setTransactionCheckInterval(3_600_000L);
            bc.setTraceTopicEnable(false);
            NettyServerConfig bServer = new NettyServerConfig();
            bServer.setBindAddress("127.0.0.1");
            bServer.setListenPort(brokerPort);
            MessageStoreConfig ms = new MessageStoreConfig();
            File store = new File(dir, "store");
            ms.setStorePathRootDir(store.getPath());
            ms.setStorePathCommitLog(new File(store, "commitlog").getPath());
            ms.setMappedFileSizeCommitLog(32 * 1024 * 1024);
            ms.setMappedFileSizeConsumeQueue(100_000 * 20);
            ms.setMaxIndexNum(40_000);
            ms.setMaxHashSlotNum(10_000);
            ms.setTimerWheelEnable(false);
            ms.setEnableCompaction(false);
            ms.setHaListenPort(haPort);
            ms.setDiskMaxUsedSpaceRatio(95);
            broker = new BrokerController(bc, bServer, new NettyClientConfig(), ms);
            if (!broker.initialize()) {
                throw new IllegalStateException("broker failed to initialize");
            }
            List<String> topics = new ArrayList<>();
            topics.add(READY_TOPIC);
            String t = a.getOrDefault("topics", "");
            for (String s : t.split(",")) {
                if (!s.isBlank()) {
                    topics.add(s.trim());
                }
            }
            for (String s : topics) {
                broker.getTopicConfigManager().createTopicIfAbsent(new TopicConfig(s, 4, 4, 6), false);
            }
            broker.start();

            // trap 2: the first registration is skipped until the name server list is known
            long deadline = System.currentTimeMillis() + 60_000;
            while (broker.getBrokerOuterAPI().getRemotingClient().getAvailableNameSrvList().isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("broker never saw the name server " + namesrvAddr);
                }
                Thread.sleep(20);
            }
            broker.registerBrokerAll(true, false, true);

            long sendMillis = firstSend(namesrvAddr, System.currentTimeMillis() + 90_000);

            Map<String, String> info = new LinkedHashMap<>();
            info.put("namesrvAddr", namesrvAddr);
            info.put("brokerAddr", "127.0.0.1:" + brokerPort);
            info.put("haPort", String.valueOf(haPort));
            info.put("sql92", String.valueOf(sql92));
            info.put("firstSendMillis", String.valueOf(sendMillis));
            Child.ready(info, RocketMqLauncher::command);
        } catch (Throwable e) {
            Child.fail(e);
        }
    }

    private static long firstSend(String namesrvAddr, long deadline) throws Exception {
        long t0 = System.currentTimeMillis();
        DefaultMQProducer p = new DefaultMQProducer("testkit_ready_producer");
        p.setNamesrvAddr(namesrvAddr);
        p.setInstanceName("testkit-ready-" + ProcessHandle.current().pid());
        p.setSendMsgTimeout(5000);
        p.start();
        try {
            Exception last = null;
            while (System.currentTimeMillis() < deadline) {
                try {
                    SendResult r = p.send(new Message(READY_TOPIC, "ready".getBytes()));
                    if (r.getSendStatus() == SendStatus.SEND_OK) {
                        return System.currentTimeMillis() - t0;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("no SEND_OK from the broker before the deadline", last);
        } finally {
            p.shutdown();
        }
    }

    private static String command(String cmd, String[] args) throws Exception {
        switch (cmd) {
            case "createTopic": {
                int queues = args.length > 1 ? Integer.parseInt(args[1]) : 4;
                broker.getTopicConfigManager().createTopicIfAbsent(new TopicConfig(args[0], queues, queues, 6), false);
                broker.registerBrokerAll(true, false, true);
                return args[0];
            }
            case "connections": {
                ConsumerGroupInfo g = broker.getConsumerManager().getConsumerGroupInfo(args[0]);
                return g == null ? "" : String.join(",", g.getAllClientId());
            }
            case "lag":
                return String.valueOf(lag(args[0]));
            case "stored":
                return String.valueOf(stored(args[0]));
            case "sql92":
                return String.valueOf(broker.getBrokerConfig().isEnablePropertyFilter());
            default:
                throw new IllegalArgumentException("unknown command " + cmd);
        }
    }

    /**
     * Total lag of a group: for every topic it committed offsets on or subscribes to (retry topics
     * excluded), sum over queues of max offset minus committed offset (no commit yet: min offset).
     */
    /** Messages ever stored in {@code topic} (0 when the broker has no such topic), e.g. a group's retry or DLQ topic. */
    private static long stored(String topic) throws Exception {
        TopicConfig config = broker.getTopicConfigManager().selectTopicConfig(topic);
        if (config == null) {
            return 0;
        }
        long n = 0;
        for (int q = 0; q < config.getWriteQueueNums(); q++) {
            n += broker.getMessageStore().getMaxOffsetInQueue(topic, q);
        }
        return n;
    }

    private static long lag(String group) throws Exception {
        Set<String> topics = new HashSet<>(broker.getConsumerOffsetManager().whichTopicByConsumer(group));
        ConsumerGroupInfo g = broker.getConsumerManager().getConsumerGroupInfo(group);
        if (g != null) {
            topics.addAll(g.getSubscriptionTable().keySet());
        }
        long total = 0;
        MessageStore store = broker.getMessageStore();
        for (String topic : topics) {
            if (topic.startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX) || topic.startsWith(MixAll.DLQ_GROUP_TOPIC_PREFIX)) {
                continue;
            }
            TopicConfig tc = broker.getTopicConfigManager().selectTopicConfig(topic);
            if (tc == null) {
                continue;
            }
            for (int q = 0; q < tc.getReadQueueNums(); q++) {
                long max = store.getMaxOffsetInQueue(topic, q);
                long committed = broker.getConsumerOffsetManager().queryOffset(group, topic, q);
                if (committed < 0) {
                    committed = store.getMinOffsetInQueue(topic, q);
                }
                total += Math.max(0, max - committed);
            }
        }
        return total;
    }
}
