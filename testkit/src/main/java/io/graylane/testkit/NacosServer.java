package io.graylane.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real Nacos 3.1.0 server (standalone, embedded Derby, auth off) in its own JVM, every port on 127.0.0.1:
 * main HTTP port P ({@code /nacos}), client gRPC P+1000, cluster gRPC P+1001, JRaft P-1000, console on its
 * own port (UI at {@code /}). Ready = readiness endpoint says ok AND a config published over HTTP reads
 * back. Helpers use the open HTTP API ({@code /nacos/v1/cs/configs}).
 */
public final class NacosServer extends TestkitServer {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    public static final String DEFAULT_GROUP = "DEFAULT_GROUP";

    private final int port;
    private final int consolePort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NacosServer(ForkedServer p, double seconds, int port, int consolePort) {
        super(p, seconds, List.of("data"));
        this.port = port;
        this.consolePort = consolePort;
    }

    /** Starts one on free ports. */
    public static NacosServer start() {
        return start(0, 0);
    }

    /** Starts one on main port {@code mainPort} and console port {@code consolePort} (0 = free ones). */
    public static NacosServer start(int mainPort, int consolePort) {
        int p = mainPort > 0 ? mainPort : Ports.freeWithOffsets(0, -1000, 1000, 1001);
        int c = consolePort > 0 ? consolePort : Ports.free();
        Path run = TestkitHome.newRunDir("nacos");
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("nacos.server.main.port", String.valueOf(p));
        conf.put("nacos.console.port", String.valueOf(c));
        conf.put("nacos.server.contextPath", "/nacos");
        conf.put("server.address", "127.0.0.1");
        conf.put("nacos.inetutils.ip-address", "127.0.0.1");
        conf.put("nacos.core.auth.system.type", "nacos");
        conf.put("nacos.core.auth.enabled", "false");
        conf.put("nacos.core.auth.admin.enabled", "false");
        conf.put("nacos.core.auth.console.enabled", "false");
        conf.put("nacos.core.auth.server.identity.key", "graylane-testkit");
        conf.put("nacos.core.auth.server.identity.value", "graylane-testkit");
        conf.put("nacos.core.auth.plugin.nacos.token.secret.key",
                "Z3JheWxhbmUtdGVzdGtpdC1ub3QtYS1zZWNyZXQtanVzdC0zMi1ieXRlcy1sb25n");
        conf.put("db.pool.config.connectionTimeout", "30000");
        conf.put("spring.jmx.enabled", "false");
        try {
            Files.createDirectories(run.resolve("conf"));
            Files.writeString(run.resolve("conf/application.properties"), conf.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new TestkitException("cannot write the Nacos configuration in " + run, e);
        }
        ForkedServer f = ForkedServer.launch("nacos", "nacos", run,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dnacos.standalone=true", "-Dnacos.home=" + run, "-Dnacos.deployment.type=merged",
                        "-Dnacos.remote.grpc.listen.ip=127.0.0.1", "-Dnacos.server.ip=127.0.0.1",
                        "-Dnacos.logs.path=" + run.resolve("logs")),
                "io.graylane.testkit.child.NacosLauncher",
                List.of("--spring.config.additional-location=file:" + run.resolve("conf") + "/"),
                List.of(run.resolve("logs/nacos.log")));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        f.awaitReady(START_TIMEOUT);
        NacosServer s = new NacosServer(f, 0, p, c);
        try {
            s.awaitReadyRoundTrip(deadline);
        } catch (RuntimeException e) {
            throw f.failStart(String.valueOf(e.getMessage()), e);
        }
        return new NacosServer(f, f.secondsSinceLaunch(), p, c);
    }

    private void awaitReadyRoundTrip(long deadlineNanos) {
        Await.until("Nacos readiness endpoint says ok", deadlineNanos, () -> {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/nacos/v3/admin/core/state/readiness")).GET());
            return r.statusCode() == 200 && r.body().contains("\"ok\"");
        });
        String value = "ready-" + UUID.randomUUID();
        Await.until("config publish accepted", deadlineNanos, () -> {
            try {
                return publishConfig("graylane-testkit-ready", "TESTKIT", value);
            } catch (TestkitException e) {
                return false;
            }
        });
        Await.until("published config reads back", deadlineNanos,
                () -> value.equals(getConfig("graylane-testkit-ready", "TESTKIT")));
    }

    /** {@code 127.0.0.1:port}: the address Nacos clients (1.x, 2.x, 3.x) take as serverAddr. */
    public String serverAddr() {
        return "127.0.0.1:" + port;
    }

    /** Main HTTP port; client gRPC is port()+1000. */
    public int port() {
        return port;
    }

    public int grpcPort() {
        return port + 1000;
    }

    public int consolePort() {
        return consolePort;
    }

    /** The web console, e.g. {@code http://127.0.0.1:31234/}. */
    public String consoleUrl() {
        return "http://127.0.0.1:" + consolePort + "/";
    }

    /** Publishes (creates or updates) a text config in the public namespace. True when Nacos accepted it. */
    public boolean publishConfig(String dataId, String group, String content) {
        return publishConfig(dataId, group, content, "text");
    }

    public boolean publishConfig(String dataId, String group, String content, String type) {
        String form = form(Map.of("dataId", dataId, "group", group, "content", content, "type", type));
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/nacos/v1/cs/configs"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (r.statusCode() != 200) {
            throw new TestkitException("Nacos publish " + dataId + "/" + group + ": HTTP " + r.statusCode() + " "
                    + r.body());
        }
        return "true".equals(r.body().trim());
    }

    /**
     * The config's content, or null when it does not exist. Right after a publish the server may still
     * answer the old value (asynchronous dump): use {@link #awaitConfig} or a listener.
     */
    public String getConfig(String dataId, String group) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                uri("/nacos/v1/cs/configs?" + form(Map.of("dataId", dataId, "group", group)))).GET());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new TestkitException("Nacos get " + dataId + "/" + group + ": HTTP " + r.statusCode() + " "
                    + r.body());
        }
        return r.body();
    }

    /** Waits until {@link #getConfig} returns {@code expected} (null = removed). */
    public void awaitConfig(String dataId, String group, String expected, Duration timeout) {
        Await.until("Nacos config " + dataId + "/" + group + " = " + expected,
                System.nanoTime() + timeout.toNanos(), () -> Objects.equals(expected, getConfig(dataId, group)));
    }

    /** Deletes a config. True when Nacos accepted it. */
    public boolean removeConfig(String dataId, String group) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                uri("/nacos/v1/cs/configs?" + form(Map.of("dataId", dataId, "group", group)))).DELETE());
        if (r.statusCode() != 200) {
            throw new TestkitException("Nacos remove " + dataId + "/" + group + ": HTTP " + r.statusCode() + " "
                    + r.body());
        }
        return "true".equals(r.body().trim());
    }

    /**
     * Starts a separate client JVM (nacos-client 2.5.1) that listens to one config and reports every
     * change. Close it when done.
     */
    public NacosListener listener(String dataId, String group) {
        return NacosListener.start(this, dataId, group);
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TestkitException("Nacos HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestkitException("interrupted", e);
        }
    }

    private static String form(Map<String, String> m) {
        return m.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return "Nacos " + serverAddr() + " console " + consoleUrl();
    }
}
