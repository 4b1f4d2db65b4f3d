package io.graylane.bench.node;

import org.apache.dubbo.config.annotation.DubboReference;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** The node's HTTP front: each request makes one remote Dubbo call and sends one message. */
@RestController
public class Front {
    @DubboReference(url = "dubbo://127.0.0.1:${startup.dubbo.port}", scope = "remote", check = false, timeout = 10_000)
    private Greeter greeter;

    private final DefaultMQProducer producer;
    private final Messaging messaging;

    public Front(DefaultMQProducer producer, Messaging messaging) {
        this.producer = producer;
        this.messaging = messaging;
    }

    @GetMapping("/hello")
    public String hello(@RequestParam(defaultValue = "world") String name) throws Exception {
        String greeting = greeter.greet(name);
        SendResult sent = producer.send(new Message(messaging.topic(), greeting.getBytes(StandardCharsets.UTF_8)));
        return greeting + " " + sent.getSendStatus();
    }

    /** {@code n} × (Dubbo call + message send) in this request (and so in its lane). */
    @GetMapping("/traffic")
    public String traffic(@RequestParam(defaultValue = "1000") int n) throws Exception {
        for (int i = 0; i < n; i++) {
            hello("t" + i);
        }
        return "sent " + n;
    }

    @GetMapping("/stats")
    public String stats() {
        return "consumed " + Messaging.CONSUMED.get();
    }
}
