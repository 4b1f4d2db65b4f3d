package io.graylane.e2e.lts;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** One LTS node JVM ({@link LtsApp}), with the agent or not, on a chosen JDK; its output is kept in memory and a file. */
final class AppProcess implements AutoCloseable {
    private static final List<String> NOT_ON_APP_CLASSPATH = List.of("agent-core", "agent-dist", "plugin-", "testkit",
            "junit", "opentest4j", "apiguardian");

    final String name;
    private final Process process;
    private final PrintWriter stdin;
    private final List<String> lines = new ArrayList<>();
    private final Writer log;

    private AppProcess(String name, Process process, Writer log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        Thread reader = new Thread(() -> {
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

    /**
     * @param javaHome the JDK to run the node on
     * @param lane     null: no agent; "" baseline node; else the node's lane
     * @param jvmArgs  extra JVM options (e.g. an --add-opens, to isolate one JDK breakage)
     */
    static AppProcess start(String name, Path javaHome, String lane, List<String> jvmArgs, String... args)
            throws IOException {
        Path home = work().resolve(name + "-" + System.nanoTime());
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Duser.home=" + home);
        cmd.add("-Djava.io.tmpdir=" + home);
        if (Boolean.getBoolean("e2e.debug")) {
            cmd.add("-Dgraylane.log.level=DEBUG");
        }
        cmd.addAll(jvmArgs);
        if (lane != null) {
            Path jar = Paths.get(System.getProperty("graylane.agent.jar", "../agent-dist/target/graylane-agent.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("agent jar not built: " + jar.toAbsolutePath());
            }
            cmd.add("-javaagent:" + jar.toAbsolutePath() + (lane.isEmpty() ? "" : "=lane=" + lane));
        }
        cmd.add("-cp");
        cmd.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> NOT_ON_APP_CLASSPATH.stream().noneMatch(n -> e.contains(File.separator + n)
                        || new File(e).getName().startsWith(n)))
                .collect(Collectors.joining(File.pathSeparator)));
        cmd.add(LtsApp.class.getName());
        cmd.addAll(Arrays.asList(args));
        Files.writeString(home.resolve("command.txt"), String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true).start();
        Writer log = Files.newBufferedWriter(home.resolve("output.log"), StandardCharsets.UTF_8);
        return new AppProcess(name, p, log);
    }

    boolean isAlive() {
        return process.isAlive();
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
        return await(tag, timeout, l -> l.startsWith(tag));
    }

    String tail(int n) {
        List<String> l = lines();
        return String.join("\n", l.subList(Math.max(0, l.size() - n), l.size()));
    }

    /** Lines the agent logged ("[graylane] ..."). */
    List<String> agentLines(String fragment) {
        return lines().stream().filter(l -> l.contains("[graylane]") && l.contains(fragment)).collect(Collectors.toList());
    }

    /** Closes stdin (the node stops as LTS stops: it leaves the registry first) and waits for the JVM to exit. */
    void stop(Duration d) throws InterruptedException {
        stdin.close();
        waitFor(d);
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
