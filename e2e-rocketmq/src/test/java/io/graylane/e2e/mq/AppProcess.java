package io.graylane.e2e.mq;

import io.graylane.testkit.Ports;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;


/** One application JVM ({@link MqApp}), with the agent unless told otherwise; its output is kept in memory and a file. */
final class AppProcess implements AutoCloseable {
    private static final List<String> NOT_ON_APP_CLASSPATH = List.of("agent-core", "agent-dist", "plugin-", "testkit",
            "junit", "opentest4j", "apiguardian");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    /** The agent's admin endpoint port (0 without the agent). */
    final int adminPort;
    /** The admin endpoint's bearer token (null: none configured). */
    private final String token;
    private final Process process;
    private final PrintWriter stdin;
    private final List<String> lines = new ArrayList<>();
    private final Writer log;
    private final Thread reader;

    private AppProcess(String name, int adminPort, String token, Process process, Writer log) {
        this.name = name;
        this.adminPort = adminPort;
        this.token = token;
        this.process = process;
        this.log = log;
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                    synchronized (log) {
                        log.write(l);
                        log.write('\n');
                        log.flush();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "reader-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static Path work() throws IOException {
        Path dir = Paths.get(System.getProperty("graylane.e2e.work", "target/e2e-work"));
        Files.createDirectories(dir);
        return dir;
    }

    /** @param lane null: no agent; "" baseline node; else the node's lane */
    static AppProcess start(String name, String lane, String... args) throws IOException {
        return start(name, lane, null, args);
    }

    /** A baseline node with the agent whose admin endpoint takes state changes ({@code POST /node/...}) with {@code token}. */
    static AppProcess startNode(String name, String token, String... args) throws IOException {
        return start(name, "", token, args);
    }

    private static AppProcess start(String name, String lane, String token, String[] args) throws IOException {
        Path home = work().resolve(name + "-" + System.nanoTime());
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Duser.home=" + home);
        cmd.add("-Drocketmq.client.logRoot=" + home.resolve("rocketmq-logs"));
        cmd.add("-Drocketmq.client.logUseSlf4j=false");
        if (Boolean.getBoolean("e2e.debug")) {
            cmd.add("-Dgraylane.log.level=DEBUG");
        }
        int adminPort = 0;
        if (lane != null) {
            adminPort = Ports.free();
            Path jar = Paths.get(System.getProperty("graylane.agent.jar", "../agent-dist/target/graylane-agent.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("agent jar not built: " + jar.toAbsolutePath());
            }
            cmd.add("-javaagent:" + jar.toAbsolutePath() + "=admin.port=" + adminPort + (lane.isEmpty() ? "" : ",lane=" + lane)
                    + (token == null ? "" : ",admin.token=" + token));
        }
        cmd.add("-cp");
        cmd.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> NOT_ON_APP_CLASSPATH.stream().noneMatch(n -> e.contains(File.separator + n)
                        || new File(e).getName().startsWith(n)))
                .collect(Collectors.joining(File.pathSeparator)));
        cmd.add(MqApp.class.getName());
        cmd.addAll(Arrays.asList(args));
        Files.writeString(home.resolve("command.txt"), String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true).start();
        Writer log = Files.newBufferedWriter(home.resolve("output.log"), StandardCharsets.UTF_8);
        return new AppProcess(name, adminPort, token, p, log);
    }

    void send(String command) {
        stdin.println(command);
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    List<String> lines(String tag) {
        return lines().stream().filter(l -> l.startsWith(tag + " ")).collect(Collectors.toList());
    }

    /** The first line matching, waiting for it. */
    String await(String what, Duration timeout, Predicate<String> p) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String l : lines()) {
                if (p.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(name + ": " + (process.isAlive() ? "timed out" : "exited") + " waiting for "
                        + what + "\n--- last output ---\n" + tail(60));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    String awaitTag(String tag, Duration timeout) {
        String line = await(tag, timeout, l -> l.startsWith(tag));
        if ("READY".equals(tag)) {
            assertClientVersion();
        }
        return line;
    }

    /**
     * The rocketmq-client version the application printed first ({@code MQVersion.CURRENT_VERSION} in its JVM) must
     * be the module's entry of the version matrix ({@code graylane.e2e.expect.rocketmq}, set by the pom).
     */
    private void assertClientVersion() {
        String expected = System.getProperty("graylane.e2e.expect.rocketmq");
        if (expected == null || expected.isBlank()) {
            throw new AssertionError("graylane.e2e.expect.rocketmq is not set (the module's pom sets it)");
        }
        String loaded = lines("VERSION").stream().map(l -> l.substring(l.indexOf('=') + 1).trim()).findFirst()
                .orElse("(no VERSION line)");
        if (!expected.equals(loaded)) {
            throw new AssertionError(name + " loaded rocketmq-client " + loaded + ", expected " + expected);
        }
    }

    String tail(int n) {
        List<String> l = lines();
        return String.join("\n", l.subList(Math.max(0, l.size() - n), l.size()));
    }

    /** Lines the agent logged ("[graylane] ..."). */
    List<String> agentLines(String fragment) {
        return lines().stream().filter(l -> l.contains("[graylane]") && l.contains(fragment)).collect(Collectors.toList());
    }

    /**
     * The value of one series on the agent's /metrics (the sum over every label set that contains
     * {@code labels}, e.g. {@code group="orders-1"}); 0 when the series does not exist yet.
     */
    long metric(String name, String labels) {
        if (adminPort == 0) {
            throw new IllegalStateException(this.name + " runs without the agent");
        }
        String body = admin("GET", "/metrics");
        long sum = 0;
        for (String l : body.split("\n")) {
            if (l.startsWith(name + "{") || l.startsWith(name + " ")) {
                String series = l.substring(0, l.lastIndexOf(' '));
                if (labels.isEmpty() || series.contains(labels)) {
                    sum += (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** A call to the agent's admin endpoint; the body of a 200 answer. */
    String admin(String method, String path) {
        if (adminPort == 0) {
            throw new IllegalStateException(this.name + " runs without the agent");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(this.name + ": " + method + " " + path + " answered " + r.statusCode() + " "
                        + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(this.name + ": " + path + " unreachable on port " + adminPort, e);
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
        Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + sig + " " + process.pid() + " failed");
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit in " + timeout + " after SIG" + sig + "\n" + tail(40));
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    boolean alive() {
        return process.isAlive();
    }

    void waitFor(Duration d) throws InterruptedException {
        if (!process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit in " + d + "\n" + tail(40));
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stdin.close();
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
