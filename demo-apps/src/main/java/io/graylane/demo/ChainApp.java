package io.graylane.demo;

import com.github.ltsopensource.jobclient.JobClient;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One instance of A, B or C:
 * {@code ChainApp <A|B|C> <instance> <nacosAddr> <namesrvAddr> <dubboPort> <trailDir> <zkAddr> <ltsCluster> <ltsCmdPort>}.
 * A also submits an LTS job per order (and A-base the cron job), C also runs them as an LTS TaskTracker ({@link Jobs}).
 * An ordinary Dubbo + RocketMQ application: no lane, no tag, no filter in its code. Whether it is gray comes only
 * from {@code -javaagent:graylane-agent.jar=lane=gray}. Prints {@code READY <instance>} when serving.
 */
public final class ChainApp {
    static final String TOPIC = "demo-orders";
    /** The order-events consumer group (the agent adds "_gray" on gray nodes). */
    static final String CONSUMER_GROUP = "demo-order-events";

    public static void main(String[] args) throws Exception {
        String role = args[0];
        String instance = args[1];
        String nacos = args[2];
        String namesrv = args[3];
        int port = Integer.parseInt(args[4]);
        Path trails = Paths.get(args[5]);
        Jobs.Cluster lts = new Jobs.Cluster(args[6], args[7], trails.resolveSibling("lts-" + instance));
        int ltsCmdPort = Integer.parseInt(args[8]);

        ApplicationConfig app = new ApplicationConfig("demo-" + role.toLowerCase());
        app.setQosEnable(false);
        DubboBootstrap boot = DubboBootstrap.getInstance().application(app)
                .registry(new RegistryConfig("nacos://" + nacos)).protocol(loopbackProtocol(port));
        switch (role) {
            case "A": {
                ReferenceConfig<StockService> stock = reference(StockService.class);
                boot.reference(stock);
                ExecutorService pool = Executors.newFixedThreadPool(4);
                JobClient<?, ?> jobs = Jobs.client(lts, ltsCmdPort);
                if (instance.endsWith("-base")) {
                    Jobs.submitTick(jobs);
                }
                // A hands the call to B to its own thread pool, as real services do
                OrderService orders = id -> {
                    try {
                        Jobs.submitSettle(jobs, id);
                        return pool.submit(() -> Trail.self(instance) + ">" + stock.get().reserve(id))
                                .get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(instance + " failed: " + e, e);
                    }
                };
                boot.service(service(OrderService.class, orders));
                boot.start();
                DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(CONSUMER_GROUP);
                consumer.setNamesrvAddr(namesrv);
                consumer.setInstanceName(instance);
                consumer.setHeartbeatBrokerInterval(1000);
                consumer.subscribe(TOPIC, "*");
                consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                    for (MessageExt m : msgs) {
                        String id = new String(m.getBody(), StandardCharsets.UTF_8);
                        String trail = Trail.self(instance) + ">" + stock.get().confirm(id);
                        try {
                            Path tmp = trails.resolve(id + ".tmp-" + instance);
                            Files.writeString(tmp, trail + "\n");
                            Files.move(tmp, trails.resolve(id + "." + instance));
                        } catch (Exception e) {
                            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                consumer.start();
                break;
            }
            case "B": {
                ReferenceConfig<PaymentService> payment = reference(PaymentService.class);
                boot.reference(payment);
                boot.service(service(StockService.class, new StockService() {
                    @Override
                    public String reserve(String id) {
                        return Trail.self(instance) + ">" + payment.get().pay(id);
                    }

                    @Override
                    public String confirm(String id) {
                        return Trail.self(instance);
                    }
                }));
                boot.start();
                break;
            }
            case "C": {
                Jobs.taskTracker(lts, ltsCmdPort, instance, trails);
                DefaultMQProducer producer = new DefaultMQProducer("demo-payments");
                producer.setNamesrvAddr(namesrv);
                producer.setInstanceName(instance);
                producer.start();
                PaymentService payments = id -> {
                    try {
                        Message m = new Message(TOPIC, "paid", id, id.getBytes(StandardCharsets.UTF_8));
                        producer.send(m);
                    } catch (Exception e) {
                        throw new IllegalStateException("publish failed: " + e, e);
                    }
                    return Trail.self(instance);
                };
                boot.service(service(PaymentService.class, payments));
                boot.start();
                break;
            }
            default:
                throw new IllegalArgumentException("role must be A, B or C: " + role);
        }
        System.out.println("READY " + instance);
        System.out.flush();
        // stop when the runner goes away (its end of our stdin closes)
        while (System.in.read() >= 0) {
            // ignore input
        }
        System.exit(0);
    }

    static <T> ServiceConfig<T> service(Class<T> type, T impl) {
        ServiceConfig<T> s = new ServiceConfig<>();
        s.setInterface(type);
        s.setRef(impl);
        return s;
    }

    static <T> ReferenceConfig<T> reference(Class<T> type) {
        ReferenceConfig<T> r = new ReferenceConfig<>();
        r.setInterface(type);
        r.setCheck(false);
        r.setTimeout(5000);
        r.setRetries(2);
        return r;
    }

    /**
     * The dubbo protocol on 127.0.0.1 only ({@code port} -1: any free port). Dubbo treats a host starting with "127." as "no host given" (it would bind
     * 0.0.0.0 and register the machine's address); 127.0.0.1 written as one 32-bit number passes that check and the
     * JDK resolves it to 127.0.0.1.
     */
    static ProtocolConfig loopbackProtocol(int port) {
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost("2130706433");
        return protocol;
    }
}
