package io.graylane.bench.node;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.atomic.AtomicLong;

/** A RocketMQ producer and a push consumer of the node's topic, started with the context as an application does. */
@Configuration
public class Messaging {
    /** Messages the push consumer has received (read by /stats). */
    public static final AtomicLong CONSUMED = new AtomicLong();

    @Value("${startup.namesrv}")
    private String namesrv;
    @Value("${startup.topic:startup-node}")
    private String topic;

    @Bean(initMethod = "start", destroyMethod = "shutdown")
    public DefaultMQProducer producer() {
        DefaultMQProducer p = new DefaultMQProducer("startup-node-producer");
        p.setNamesrvAddr(namesrv);
        p.setSendMsgTimeout(10_000);
        return p;
    }

    @Bean(initMethod = "start", destroyMethod = "shutdown")
    public DefaultMQPushConsumer consumer() throws MQClientException {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer("startup-node-consumer");
        c.setNamesrvAddr(namesrv);
        c.setHeartbeatBrokerInterval(1000);
        c.subscribe(topic, "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            CONSUMED.addAndGet(msgs.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return c;
    }

    public String topic() {
        return topic;
    }
}
