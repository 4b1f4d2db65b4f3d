package io.graylane.testkit.app;

import io.graylane.testkit.Await;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Sockets;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One application JVM under test — the single launcher every e2e module and the demo use. It gets its own work
 * directory, {@code user.home} and temp directory under {@code target/e2e-work}, the built agent (unless
 * {@link AppJvmBuilder#withoutAgent()}), the test class path minus graylane's own modules and test libraries
 * ({@link #appClassPath}), and, with the agent, an admin port from {@link Ports} for {@link #metric} and
 * {@link #status}. Output is kept in memory and in {@code console.log}; the application is ready when it prints a
 * line starting with {@code READY}, and the framework versions it printed as {@code VERSION <library>=<version>}
 * lines are checked against what the test expects ({@link AppJvmBuilder#expectVersion}).
 */
public final class AppJvm implements AutoCloseable {
    /** Class path entries a real application does not have. */
    public static final List<String> NOT_ON_APP_CLASSPATH = List.of("agent-core", "agent-dist", "plugin-",
            "rules-engine", "testkit", "junit", "opentest4j", "apiguardian");

    private final String name;
    private final Process process;
    private final Path dir;
    private final int adminPort;
    private final Map<String, String> expectedVersions;
    private final PrintWriter stdin;
    private final List<String> lines = new ArrayList<>();
    private final Writer log;
    private final List<String> command;
    private final String adminToken;
    private final Thread reader;
    private final long startedNanos = System.nanoTime();

    AppJvm(String name, Process process, Path dir, int adminPort, String adminToken, Map<String, String> expectedVersions,
           List<String> command) throws IOException {
        this.command = List.copyOf(command);
        this.adminToken = adminToken;
        this.name = name;
        this.process = process;
        this.dir = dir;
        this.adminPort = adminPort;
        this.expectedVersions = new LinkedHashMap<>(expectedVersions);
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.log = Files.newBufferedWriter(dir.resolve("console.log"), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readOutput, "app-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public static AppJvmBuilder builder(String name, Class<?> main) {
        return new AppJvmBuilder(name, main.getName());
    }

    public static AppJvmBuilder builder(String name, String mainClass) {
        return new AppJvmBuilder(name, mainClass);
    }

    /** The built agent jar ({@code graylane.agent.jar}, default {@code ../agent-dist/target/graylane-agent.jar}). */
    public static Path agentJar() {
        Path jar = Paths.get(System.getProperty("graylane.agent.jar", "../agent-dist/target/graylane-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar is not built: " + jar.toAbsolutePath()
                    + " (build agent-dist first: mvn -pl agent-dist -am package -DskipTests)");
        }
        return jar.toAbsolutePath();
    }

    /** This JVM's class path without {@link #NOT_ON_APP_CLASSPATH}: the application's own classes and libraries. */
    public static String appClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> NOT_ON_APP_CLASSPATH.stream().noneMatch(n -> e.contains(File.separator + n)
                        || new File(e).getName().startsWith(n)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
            // the process is gone
        } finally {
            try {
                synchronized (log) {
                    log.close();
                }
            } catch (IOException ignored) {
                // nothing to keep
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    /** The agent's admin port (0 without the agent). */
    public int adminPort() {
        return adminPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The command line the JVM was started with. */
    public List<String> command() {
        return command;
    }

    /** Closes the application's standard input (end of input for an application that reads it). */
    public void closeInput() {
        stdin.close();
    }

    /** A line on the application's standard input (for apps driven by commands). */
    public void send(String command) {
        stdin.println(command);
    }

    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** Lines starting with {@code tag + " "}. */
    public List<String> lines(String tag) {
        return lines().stream().filter(l -> l.startsWith(tag + " ")).collect(Collectors.toList());
    }

    /** Everything printed so far. */
    public String log() {
        return String.join("\n", lines());
    }

    public String tail(int n) {
        List<String> l = lines();
        return String.join("\n", l.subList(Math.max(0, l.size() - n), l.size()));
    }

    /** Lines the agent logged ({@code [graylane] ...}) containing {@code fragment}. */
    public List<String> agentLines(String fragment) {
        return lines().stream().filter(l -> l.contains("[graylane]") && l.contains(fragment)).collect(Collectors.toList());
    }

    /** The first line matching, waiting for it; fails at once if the process exits first. */
    public String await(String what, Duration timeout, Predicate<String> p) {
        String[] found = new String[1];
        try {
            Await.until(name + ": " + what, timeout, () -> {
                for (String l : lines()) {
                    if (p.test(l)) {
                        found[0] = l;
                        return true;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + " waiting for " + what
                            + "\n--- last output ---\n" + tail(60));
                }
                return false;
            });
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- last output of " + name + " ---\n" + tail(60), e);
        }
        return found[0];
    }

    /** The first line starting with {@code tag}. */
    public String awaitTag(String tag, Duration timeout) {
        String line = await(tag, timeout, l -> l.startsWith(tag));
        if ("READY".equals(tag)) {
            checkVersions();
        }
        return line;
    }

    /** Waits for {@code READY} and checks the versions the application printed. */
    public AppJvm awaitReady(Duration timeout) {
        awaitTag("READY", timeout);
        return this;
    }

    /**
     * Each {@link AppJvmBuilder#expectVersion} must match the application's {@code VERSION <library>=<version>} line: a
     * version-matrix test asserts the version that actually loaded, not the one the pom asked for.
     */
    private void checkVersions() {
        for (Map.Entry<String, String> e : expectedVersions.entrySet()) {
            String prefix = "VERSION " + e.getKey() + "=";
            String loaded = lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                    .findFirst().orElse("(no " + prefix + " line)");
            if (!e.getValue().equals(loaded)) {
                throw new AssertionError(name + " loaded " + e.getKey() + " " + loaded + ", expected " + e.getValue());
            }
        }
    }

    /** One series' value on the agent's {@code /metrics}, summed over label sets containing {@code labels}. */
    public long metric(String metric, String labels) {
        return AgentEndpoint.metric(name, requireAgent(), adminToken, metric, labels);
    }

    /** The agent's {@code /status} JSON text. */
    public String status() {
        return admin("GET", "/status");
    }

    /**
     * A call to the agent's admin endpoint (e.g. {@code POST /node/offline}), with the {@code graylane.admin.token}
     * the JVM was started with; the body of a 200 answer, anything else fails.
     */
    public String admin(String method, String path) {
        return AgentEndpoint.call(name, requireAgent(), adminToken, method, path);
    }

    private int requireAgent() {
        if (adminPort == 0) {
            throw new IllegalStateException(name + " runs without the agent's admin endpoint");
        }
        return adminPort;
    }

    /**
     * Fails unless every TCP socket this JVM listens on is bound to loopback, except the ports given (a framework
     * that offers no bind address, e.g. LTS 1.7.0).
     */
    public void assertListensOnLoopbackOnly(Integer... exceptPorts) {
        List<String> open = Sockets.listening(process.pid());
        List<Integer> allowed = Arrays.asList(exceptPorts);
        List<String> wide = open.stream()
                .filter(a -> !Sockets.allLoopback(List.of(a))
                        && !allowed.contains(Integer.parseInt(a.substring(a.lastIndexOf(':') + 1))))
                .collect(Collectors.toList());
        if (!wide.isEmpty()) {
            throw new AssertionError(name + " listens beyond loopback: " + wide + " (all: " + open + ")");
        }
    }

    /**
     * SIGKILL: the JVM ends at once, no shutdown hook runs. Sent through the process handle, not
     * {@code Process.destroyForcibly()}, which also closes this side's pipes (the last lines the application printed
     * would be lost). Returns once every printed line was read.
     */
    public void kill() {
        process.toHandle().destroyForcibly();
        awaitExit(Duration.ofSeconds(30), "SIGKILL");
    }

    /** SIGTERM (shutdown hooks and the agent's graceful drain run), then wait for the exit and its last output. */
    public int terminate(Duration timeout) {
        process.toHandle().destroy();
        return awaitExit(timeout, "SIGTERM");
    }

    private int awaitExit(Duration timeout, String after) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout + " of " + after + "\n" + tail(40));
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Waits for the process to exit by itself; then its whole output is in {@link #lines()}. */
    public int waitFor(Duration d) {
        try {
            if (!process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit in " + d + "\n" + tail(40));
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stdin.close();
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + (adminPort == 0 ? "" : ", admin " + adminPort) + ")";
    }
}
