package io.graylane.e2e.mq;

import io.graylane.testkit.app.AppJvm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    /** The admin endpoint's bearer token (null: none configured). */
    private final String token;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppProcess(String name, AppJvm jvm, String token) {
        this.name = name;
        this.jvm = jvm;
        this.adminPort = jvm.adminPort();
        this.token = token;
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
        return new AppProcess(name, b.start(), null);
    }

    /** A baseline node with the agent whose admin endpoint takes state changes ({@code POST /node/...}) with {@code token}. */
    static AppProcess startNode(String name, String token, String... args) throws IOException {
        var b = AppJvm.builder(name, MqApp.class).heap("128m").args(args)
                .expectVersion("rocketmq-client", System.getProperty("graylane.e2e.expect.rocketmq"))
                .graylane("admin.token", token);
        return new AppProcess(name, b.start(), token);
    }

    /** A call to the agent's admin endpoint (with the token when one is configured); the body of a 200 answer. */
    String admin(String method, String path) {
        if (adminPort == 0) {
            throw new IllegalStateException(name + " runs without the agent");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(name + ": " + method + " " + path + " answered " + r.statusCode() + " "
                        + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(name + ": " + path + " unreachable on port " + adminPort, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * SIGKILL: the JVM ends at once, no shutdown hook runs. Sent with {@code kill}, not {@code Process.destroy*}, which
     * also closes this side's pipes (the last lines the application printed would be lost) and its stdin (the
     * application would see end of input and exit on its own). Returns once every line it printed was read.
     */
    void kill9() throws Exception {
        signal("KILL", Duration.ofSeconds(30));
    }

    /** SIGTERM: the agent's graceful drain, then the shutdown hooks run, then the JVM exits (as {@link #kill9}). */
    void terminate(Duration timeout) throws Exception {
        signal("TERM", timeout);
    }

    private void signal(String sig, Duration timeout) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(jvm.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + sig + " " + jvm.pid() + " failed");
        }
        jvm.waitFor(timeout); // joins the output reader
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
        if (token == null) {
            return jvm.metric(name, labels);
        }
        long sum = 0; // the endpoint wants the token on every call once one is configured
        for (String l : admin("GET", "/metrics").split("\n")) {
            if (l.startsWith(name + "{") || l.startsWith(name + " ")) {
                String series = l.substring(0, l.lastIndexOf(' '));
                if (labels.isEmpty() || series.contains(labels)) {
                    sum += (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
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
