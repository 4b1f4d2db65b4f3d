package io.graylane.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One forked server JVM and the parent side of the protocol implemented by the launchers
 * ({@code io.graylane.testkit.child.Child}): stdout carries {@code @@ready}, {@code @@failed},
 * {@code @@event} and {@code @@resp} lines; stdin carries commands and is the child's lifeline (EOF =
 * exit), so a child dies with its parent even on SIGKILL; stderr goes to {@code console.log}.
 */
final class ForkedServer implements AutoCloseable {

    private static final Set<ForkedServer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ForkedServer s : new ArrayList<>(LIVE)) {
                s.close();
            }
        }, "testkit-stop-children"));
    }

    final String name;
    final Path runDir;
    final Path consoleLog;
    private final List<Path> logs;
    private final Process process;
    private final Writer stdin;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<String>> eventListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closing;

    private ForkedServer(String name, Path runDir, List<Path> logs, Process process) {
        this.name = name;
        this.runDir = runDir;
        this.consoleLog = runDir.resolve("console.log");
        List<Path> all = new ArrayList<>();
        all.add(consoleLog);
        all.addAll(logs);
        this.logs = Collections.unmodifiableList(all);
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "testkit-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} from the server's classpath in {@code runDir} with {@code -Duser.home=runDir}
     * (clients and servers write caches under the home directory).
     */
    static ForkedServer launch(String name, String server, Path runDir, List<String> jvmArgs, String mainClass,
                               List<String> args, List<Path> logs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestkitHome.javaExecutable().toString());
        cmd.add("-Duser.home=" + runDir);
        cmd.add("-Djava.io.tmpdir=" + runDir.resolve("tmp"));
        cmd.add("-Dgraylane.testkit.child=" + name);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(TestkitHome.classpath(server));
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Files.createDirectories(runDir.resolve("tmp"));
            Files.writeString(runDir.resolve("command.txt"), String.join("\n", cmd) + "\n");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(runDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(runDir.resolve("console.log").toFile()));
            ForkedServer s = new ForkedServer(name, runDir, logs, pb.start());
            LIVE.add(s);
            return s;
        } catch (IOException e) {
            throw new TestkitException("cannot start the " + name + " JVM: " + e, e);
        }
    }

    /** Waits for {@code @@ready}; on failure or timeout stops the child and throws with the log tails. */
    Map<String, String> awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failStart("did not become ready within " + timeout.toSeconds() + " s", null);
        } catch (ExecutionException e) {
            throw failStart(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failStart("interrupted while waiting", e);
        }
    }

    /** Stops the child and builds the exception every start failure reports. */
    TestkitException failStart(String why, Throwable cause) {
        close();
        return new TestkitException(name + " failed to start: " + why + " (run dir " + runDir + ")\n" + logTails(40),
                cause);
    }

    double secondsSinceLaunch() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Sends a command to the child and waits for its one-line answer. */
    String command(Duration timeout, String cmd, String... args) {
        if (!process.isAlive()) {
            throw new TestkitException(name + " is not running (exit " + exitCode() + ")\n" + logTails(20));
        }
        String id = String.valueOf(ids.incrementAndGet());
        CompletableFuture<String> f = new CompletableFuture<>();
        pending.put(id, f);
        StringBuilder line = new StringBuilder(id).append(' ').append(cmd);
        for (String a : args) {
            if (a.isEmpty() || a.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("argument must be one non-empty word: '" + a + "'");
            }
            line.append(' ').append(a);
        }
        try {
            synchronized (stdin) {
                stdin.write(line.append('\n').toString());
                stdin.flush();
            }
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TestkitException(name + ": " + cmd + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TestkitException(name + ": no answer to " + cmd + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new TestkitException(name + ": cannot send " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestkitException(name + ": interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    void onEvent(Consumer<String> listener) {
        eventListeners.add(listener);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private String exitCode() {
        try {
            return String.valueOf(process.exitValue());
        } catch (IllegalThreadStateException e) {
            return "running";
        }
    }

    /** Resident set size of the child in bytes (Linux /proc), or -1 when unknown. */
    long rssBytes() {
        return rssBytes(process.pid());
    }

    static long rssBytes(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or gone
        }
        return -1;
    }

    /** Last lines of console.log and the server's own logs. */
    String logTails(int lines) {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                continue;
            }
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                sb.append("--- last ").append(Math.min(lines, all.size())).append(" lines of ").append(log)
                        .append(" ---\n");
                for (String l : all.subList(Math.max(0, all.size() - lines), all.size())) {
                    sb.append(l).append('\n');
                }
            } catch (IOException e) {
                sb.append("--- ").append(log).append(": ").append(e).append('\n');
            }
        }
        return sb.toString();
    }

    private void readStdout() {
        Path stray = runDir.resolve("stdout.log");
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("@@ready")) {
                    ready.complete(parseInfo(line.substring("@@ready".length())));
                } else if (line.startsWith("@@failed ")) {
                    ready.completeExceptionally(new TestkitException(line.substring("@@failed ".length())));
                } else if (line.startsWith("@@event ")) {
                    String payload = line.substring("@@event ".length());
                    for (Consumer<String> l : eventListeners) {
                        l.accept(payload);
                    }
                } else if (line.startsWith("@@resp ")) {
                    String[] p = line.split(" ", 4);
                    CompletableFuture<String> f = pending.get(p[1]);
                    if (f != null) {
                        String payload = p.length > 3 ? p[3] : "";
                        if ("ok".equals(p[2])) {
                            f.complete(payload);
                        } else {
                            f.completeExceptionally(new TestkitException(payload));
                        }
                    }
                } else {
                    Files.writeString(stray, line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String why = "the " + name + " JVM exited (code " + exitCode() + ")";
        ready.completeExceptionally(new TestkitException(why));
        pending.values().forEach(f -> f.completeExceptionally(new TestkitException(why)));
        LIVE.remove(this);
    }

    static Map<String, String> parseInfo(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : s.trim().split("\\s+")) {
            int i = kv.indexOf('=');
            if (i > 0) {
                m.put(kv.substring(0, i), kv.substring(i + 1));
            }
        }
        return m;
    }

    /** Orderly stop: close stdin (the child exits), then SIGTERM, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            synchronized (stdin) {
                stdin.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
    }

    boolean isClosing() {
        return closing;
    }
}
