package io.graylane.e2e.mq;

import io.graylane.testkit.app.AppJvm;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One application JVM ({@link MqApp}) of this module, started by the testkit's {@link AppJvm}, with the agent (and
 * its admin endpoint) unless told otherwise. {@code READY} is checked against this module's rocketmq-client matrix
 * entry ({@code graylane.e2e.expect.rocketmq}, set by the pom) and the JVM must listen on loopback only.
 */
final class AppProcess implements AutoCloseable {
    final String name;
    /** The agent's admin endpoint port (0 without the agent). */
    final int adminPort;
    private final AppJvm jvm;

    private AppProcess(String name, AppJvm jvm) {
        this.name = name;
        this.jvm = jvm;
        this.adminPort = jvm.adminPort();
    }

    /** @param lane null: no agent; "" baseline node; else the node's lane */
    static AppProcess start(String name, String lane, String... args) throws IOException {
        var b = AppJvm.builder(name, MqApp.class).heap("128m").args(args)
                .expectVersion("rocketmq-client", System.getProperty("graylane.e2e.expect.rocketmq"));
        if (lane == null) {
            b.withoutAgent();
        } else if (!lane.isEmpty()) {
            b.graylane("lane", lane);
        }
        return new AppProcess(name, b.start());
    }

    void send(String command) {
        jvm.send(command);
    }

    List<String> lines() {
        return jvm.lines();
    }

    List<String> lines(String tag) {
        return jvm.lines(tag);
    }

    /** The first line matching, waiting for it. */
    String await(String what, Duration timeout, Predicate<String> p) {
        return jvm.await(what, timeout, p);
    }

    String awaitTag(String tag, Duration timeout) {
        String line = jvm.awaitTag(tag, timeout);
        if ("READY".equals(tag)) {
            jvm.assertListensOnLoopbackOnly();
        }
        return line;
    }

    String tail(int n) {
        return jvm.tail(n);
    }

    /** Lines the agent logged ("[graylane] ..."). */
    List<String> agentLines(String fragment) {
        return jvm.agentLines(fragment);
    }

    /** One series' value on the agent's /metrics, summed over label sets containing {@code labels}; 0 if absent. */
    long metric(String name, String labels) {
        return jvm.metric(name, labels);
    }

    void waitFor(Duration d) {
        jvm.waitFor(d);
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
