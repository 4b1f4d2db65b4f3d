package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestkitExtension.class)
class RocketMqServerTest {

    static final Duration T = Duration.ofSeconds(90);
    static final String SQL92_OFF = "The broker does not support consumer to filter message by SQL92";

    @Test
    void sql92SplitsGrayAndBaselineGroupsExactly(RocketMqServer mq) throws Exception {
        assertTrue(mq.sql92Enabled());
        List<String> listening = Sockets.listening(mq.pid());
        assertTrue(Sockets.allLoopback(listening), "non-loopback listener: " + listening);
        String topic = "split_" + UUID.randomUUID().toString().substring(0, 8);
        RoundTrips.Split s = RoundTrips.rocketMqSql92(mq, topic, 30, 40, 10, T);
        System.out.println("rocketmq sql92 split " + s + " (broker ready in " + mq.startSeconds() + " s, rss "
                + mq.rssMegabytes() + " MB)");
        assertEquals(30, s.grayReceived, "gray group");
        assertEquals(50, s.baselineReceived, "baseline group (untagged + other lane)");
        Await.until("consumers gone after shutdown", T, () -> mq.consumerConnections(topic + "_gray").isEmpty()
                && mq.consumerConnections(topic + "_baseline").isEmpty());
    }

    @Test
    void reportsConnectionsAndLag(RocketMqServer mq) throws Exception {
        String topic = "lag_" + UUID.randomUUID().toString().substring(0, 8);
        String group = topic + "_g";
        mq.createTopic(topic);
        assertEquals(List.of(), mq.consumerConnections(group));
        assertEquals(0, mq.consumerLag(group));
        DefaultMQProducer p = new DefaultMQProducer(topic + "_p");
        p.setNamesrvAddr(mq.namesrvAddr());
        p.setInstanceName(topic + "-p");
        CountDownLatch release = new CountDownLatch(1);
        DefaultMQPushConsumer c = RoundTrips.consumer(mq, group, topic, "TRUE");
        c.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently)
                (msgs, ctx) -> {
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        try {
            p.start();
            for (int i = 0; i < 7; i++) {
                p.send(new Message(topic, ("x" + i).getBytes(StandardCharsets.UTF_8)));
            }
            c.start();
            Await.until("one connection", T, () -> mq.consumerConnections(group).size() == 1);
            String clientId = mq.consumerConnections(group).get(0);
            assertTrue(clientId.contains(topic + "_g-"), "client id " + clientId);
            Await.until("lag 7 while the listener holds the messages", T, () -> mq.consumerLag(group) == 7);
            release.countDown();
            Await.until("lag 0 once consumed", T, () -> mq.consumerLag(group) == 0);
        } finally {
            release.countDown();
            c.shutdown();
            p.shutdown();
        }
        Await.until("no connection after shutdown", T, () -> mq.consumerConnections(group).isEmpty());
    }

    @Test
    void brokerWithSql92OffIsReportedAndStopsLeavingNothing() throws Exception {
        String topic = "nosql_" + UUID.randomUUID().toString().substring(0, 8);
        RocketMqServer mq = RocketMqServer.start(false, topic);
        long pid = mq.pid();
        int namesrv = Gone.port(mq.namesrvAddr());
        int broker = Gone.port(mq.brokerAddr());
        try {
            assertFalse(mq.sql92Enabled());
            DefaultMQPushConsumer c = RoundTrips.consumer(mq, topic + "_gray", topic, RoundTrips.GRAY_SQL);
            c.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently)
                    (msgs, ctx) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
            try {
                MQClientException e = assertThrows(MQClientException.class, c::start);
                assertTrue(e.getMessage().contains(SQL92_OFF), e.getMessage());
                System.out.println("sql92-off broker: consumer start() refused: " + e.getErrorMessage());
            } finally {
                c.shutdown();
            }
        } finally {
            mq.close();
        }
        Gone.assertGone(pid, namesrv, broker, broker - 2);
    }
}
