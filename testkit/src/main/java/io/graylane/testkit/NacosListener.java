package io.graylane.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Nacos config listener in a JVM of its own (nacos-client 2.5.1, its own user.home, snapshot and log
 * directories), as an application would have. Every change the client delivers is recorded with the
 * wall-clock time its listener ran.
 */
public final class NacosListener implements AutoCloseable {

    /** One delivery: content and {@code System.currentTimeMillis()} in the listener JVM when it ran. */
    public static final class Event {
        public final String content;
        public final long receivedAtMillis;

        Event(String content, long receivedAtMillis) {
            this.content = content;
            this.receivedAtMillis = receivedAtMillis;
        }

        @Override
        public String toString() {
            return receivedAtMillis + " " + content;
        }
    }

    private final ForkedServer process;
    private final List<Event> events;
    private final String initial;
    private final double startSeconds;

    private NacosListener(ForkedServer process, List<Event> events, String initial, double startSeconds) {
        this.process = process;
        this.events = events;
        this.initial = initial;
        this.startSeconds = startSeconds;
    }

    static NacosListener start(NacosServer server, String dataId, String group) {
        Path run = TestkitHome.newRunDir("nacos-listener");
        ForkedServer f = ForkedServer.launch("nacos-listener", "nacos-client", run,
                List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-DJM.SNAPSHOT.PATH=" + run.resolve("snapshot"), "-DJM.LOG.PATH=" + run.resolve("logs"),
                        "-Dcom.alibaba.nacos.naming.cache.dir=" + run.resolve("naming"),
                        "-Dnacos.logging.path=" + run.resolve("logs")),
                "io.graylane.testkit.child.NacosListenerLauncher",
                List.of(server.serverAddr(), dataId, group), List.of(run.resolve("logs/config.log")));
        List<Event> events = new CopyOnWriteArrayList<>();
        f.onEvent(payload -> events.add(parse(payload)));
        Map<String, String> info = f.awaitReady(Duration.ofSeconds(120));
        return new NacosListener(f, events, decode(info.getOrDefault("initial", "")), f.secondsSinceLaunch());
    }

    private static Event parse(String payload) {
        String[] p = payload.split(" ", 2);
        return new Event(decode(p.length > 1 ? p[1] : ""), Long.parseLong(p[0]));
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    /** The content when the listener was registered ("" when the config did not exist). */
    public String initialContent() {
        return initial;
    }

    public double startSeconds() {
        return startSeconds;
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    /** Waits until the listener has been handed {@code content}; returns that delivery. */
    public Event awaitContent(String content, Duration timeout) {
        Await.until("listener in pid " + process.pid() + " receives '" + content + "'", timeout,
                () -> find(content).isPresent());
        return find(content).orElseThrow();
    }

    private Optional<Event> find(String content) {
        return events.stream().filter(e -> e.content.equals(content)).findFirst();
    }

    /** Reads the config through the client in the listener JVM. */
    public String getConfigViaClient() {
        return decode(process.command(Duration.ofSeconds(30), "get"));
    }

    public long pid() {
        return process.pid();
    }

    public long rssMegabytes() {
        long b = process.rssBytes();
        return b < 0 ? -1 : b / (1024 * 1024);
    }

    @Override
    public void close() {
        process.close();
    }
}
