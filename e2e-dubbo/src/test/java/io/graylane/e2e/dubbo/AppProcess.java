package io.graylane.e2e.dubbo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A long-running application JVM under test: its own work directory and {@code user.home} under target/, loopback
 * only, with the built agent (unless told otherwise). Ready when it prints {@code READY}.
 */
final class AppProcess implements AutoCloseable {
    private static final List<String> NOT_ON_APP_CLASSPATH = List.of("agent-core", "agent-dist", "plugin-", "rules-engine");

    final String name;
    /** The Dubbo port of a chain node (0 for other apps). */
    int dubboPort;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private AppProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Path agentJar() {
        Path jar = Paths.get(System.getProperty("graylane.agent.jar", "../agent-dist/target/graylane-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar is not built: " + jar.toAbsolutePath()
                    + " (mvn -pl agent-dist -am install -DskipTests)");
        }
        return jar.toAbsolutePath();
    }

    /**
     * @param graylane {@code -Dgraylane.*} settings without the prefix, e.g. {@code "lane=gray"}; null = no agent
     */
    static AppProcess start(String name, Class<?> main, List<String> graylane, String... args) throws IOException {
        return start(name, main, graylane, List.of(), args);
    }

    /** @param jvmArgs more JVM options, e.g. {@code -Ddubbo.application.register-mode=interface} */
    static AppProcess start(String name, Class<?> main, List<String> graylane, List<String> jvmArgs, String... args)
            throws IOException {
        Path dir = Paths.get(System.getProperty("graylane.e2e.work", "target/e2e-work"),
                name + "-" + System.currentTimeMillis()).toAbsolutePath();
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("tmp"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xshare:auto", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (graylane != null) {
            cmd.add("-javaagent:" + agentJar());
            for (String g : graylane) {
                cmd.add("-Dgraylane." + g);
            }
        }
        cmd.add("-Duser.home=" + home);
        cmd.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        cmd.add("-DJM.SNAPSHOT.PATH=" + home.resolve("nacos"));
        cmd.add("-DJM.LOG.PATH=" + home.resolve("nacos-logs"));
        cmd.add("-Dcom.alibaba.nacos.naming.cache.dir=" + home.resolve("nacos-naming"));
        cmd.add("-Ddubbo.application.logger=slf4j");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        // Dubbo 2.7's javassist proxies on JDK 17
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/java.math=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(appClassPath());
        cmd.add(main.getName());
        cmd.addAll(Arrays.asList(args));
        Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd));
        Path log = dir.resolve("console.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return new AppProcess(name, pb.start(), log);
    }

    static String appClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> NOT_ON_APP_CLASSPATH.stream().noneMatch(n -> e.contains(File.separator + n)
                        || new File(e).getName().startsWith(n)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    AppProcess awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains("READY " )) {
                assertDubboVersion();
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before READY:\n" + tail(60));
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " not READY after " + timeout + ":\n" + tail(60));
    }

    /**
     * The Dubbo version the application printed before READY ({@code Version.getVersion()} in its JVM) must be the
     * module's entry of the version matrix ({@code graylane.e2e.expect.dubbo}, set by the pom).
     */
    private void assertDubboVersion() throws IOException {
        String expected = System.getProperty("graylane.e2e.expect.dubbo");
        if (expected == null || expected.isBlank()) {
            throw new AssertionError("graylane.e2e.expect.dubbo is not set (the module's pom sets it)");
        }
        String loaded = log().lines().filter(l -> l.startsWith("VERSION dubbo=")).map(l -> l.substring(14).trim())
                .findFirst().orElse("(no VERSION line)");
        if (!expected.equals(loaded)) {
            throw new AssertionError(name + " loaded Dubbo " + loaded + ", expected " + expected);
        }
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    String log() throws IOException {
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    String tail(int lines) {
        try {
            List<String> all = log().lines().collect(Collectors.toList());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits for the JVM to exit (at most {@code timeout}); its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM:\n" + tail(40));
        }
        return process.exitValue();
    }

    /** SIGKILL: no graceful unregistration. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
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
