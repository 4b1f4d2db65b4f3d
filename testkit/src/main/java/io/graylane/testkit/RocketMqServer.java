package io.graylane.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real RocketMQ 5.3.3 name server + broker in one JVM of their own, every port on 127.0.0.1 (name
 * server, broker, its fast port broker-2, HA). Ready after the first real SEND_OK. The start-up traps of
 * the brief are handled in the launcher: remoting version property, skipped first registration, HA bind,
 * pre-created topics. Clients should use {@code setHeartbeatBrokerInterval(1000)} (brief, trap 4).
 */
public final class RocketMqServer extends TestkitServer {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> info;

    private RocketMqServer(ForkedServer p, double seconds, Map<String, String> info) {
        super(p, seconds, List.of("store"));
        this.info = info;
    }

    /** SQL92 filtering on ({@code enablePropertyFilter=true}), topics pre-created with 4 queues. */
    public static RocketMqServer start(String... topics) {
        return start(true, topics);
    }

    /**
     * @param sql92Enabled {@code enablePropertyFilter}: false gives a broker that refuses SQL92 subscriptions
     * @param topics       created (4 read/write queues) before the broker registers, so consumers never wait
     */
    public static RocketMqServer start(boolean sql92Enabled, String... topics) {
        return start(0, sql92Enabled, topics);
    }

    /** As {@link #start(boolean, String...)} with the name server on {@code namesrvPort} (0 = a free one). */
    public static RocketMqServer start(int namesrvPort, boolean sql92Enabled, String... topics) {
        int namesrv = namesrvPort > 0 ? namesrvPort : Ports.free();
        int broker = Ports.freeWithOffsets(0, -2);
        int ha = Ports.free();
        Path run = TestkitHome.newRunDir("rocketmq");
        for (String t : topics) {
            checkTopic(t);
        }
        List<String> args = new ArrayList<>(List.of("namesrvPort=" + namesrv, "brokerPort=" + broker,
                "haPort=" + ha, "dir=" + run, "sql92=" + sql92Enabled, "topics=" + String.join(",", topics)));
        ForkedServer f = ForkedServer.launch("rocketmq", "rocketmq", run,
                List.of("-Xmx256m", "-XX:MaxDirectMemorySize=256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "io.graylane.testkit.child.RocketMqLauncher", args,
                List.of(run.resolve("logs/rocketmqlogs/broker.log"), run.resolve("logs/rocketmqlogs/namesrv.log")));
        Map<String, String> info = f.awaitReady(START_TIMEOUT);
        return new RocketMqServer(f, f.secondsSinceLaunch(), info);
    }

    private static void checkTopic(String t) {
        if (t == null || !t.matches("[%|a-zA-Z0-9_-]+")) {
            throw new IllegalArgumentException("bad topic name: " + t);
        }
    }

    /** {@code 127.0.0.1:port} of the name server, for {@code setNamesrvAddr}. */
    public String namesrvAddr() {
        return info.get("namesrvAddr");
    }

    /** {@code 127.0.0.1:port} of the broker. */
    public String brokerAddr() {
        return info.get("brokerAddr");
    }

    /** Whether the broker was started with {@code enablePropertyFilter=true} (asked from the broker). */
    public boolean sql92Enabled() {
        return Boolean.parseBoolean(process.command(COMMAND_TIMEOUT, "sql92"));
    }

    /** Milliseconds from the broker's start to the first SEND_OK of the readiness probe. */
    public long firstSendMillis() {
        return Long.parseLong(info.getOrDefault("firstSendMillis", "-1"));
    }

    /** Creates a topic (4 queues) and registers it with the name server at once. */
    public void createTopic(String name) {
        createTopic(name, 4);
    }

    public void createTopic(String name, int queues) {
        checkTopic(name);
        process.command(COMMAND_TIMEOUT, "createTopic", name, String.valueOf(queues));
    }

    /** Client ids of the consumers of {@code group} connected to the broker (empty when none). */
    public List<String> consumerConnections(String group) {
        String s = process.command(COMMAND_TIMEOUT, "connections", group);
        return s.isBlank() ? List.of() : Arrays.asList(s.split(","));
    }

    /** Number of consumers of {@code group} connected to the broker. */
    public int consumerCount(String group) {
        return consumerConnections(group).size();
    }

    /**
     * Total lag of {@code group} on the broker: over every queue of the topics it committed offsets on or
     * subscribes to, max offset minus committed offset. Clients commit offsets every 5 s by default
     * ({@code setPersistConsumerOffsetInterval}); await the value, never read it once.
     */
    public long consumerLag(String group) {
        return Long.parseLong(process.command(COMMAND_TIMEOUT, "lag", group));
    }

    /**
     * Messages ever stored in {@code topic} on the broker (0 when it has no such topic): for a group's retry topic
     * {@code %RETRY%group} and dead-letter topic {@code %DLQ%group}, every message the group sent back or gave up on.
     */
    public long storedMessages(String topic) {
        return Long.parseLong(process.command(COMMAND_TIMEOUT, "stored", topic));
    }

    @Override
    public String toString() {
        return "RocketMQ namesrv " + namesrvAddr() + " broker " + brokerAddr();
    }
}
