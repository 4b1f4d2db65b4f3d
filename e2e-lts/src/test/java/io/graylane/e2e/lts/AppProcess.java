package io.graylane.e2e.lts;

import io.graylane.testkit.app.AppJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One LTS node JVM ({@link LtsApp}; or a Dubbo provider), with the agent or not, on a chosen JDK, started by the
 * testkit's {@link AppJvm}, on its side of the class path ({@link NodeClassPath}).
 * No loopback-only check: LTS 1.7.0's Netty server binds 0.0.0.0 and offers no bind address (see BRIEF/docs/lts.md).
 */
final class AppProcess implements AutoCloseable {
    final String name;
    private final AppJvm jvm;

    private AppProcess(String name, AppJvm jvm) {
        this.name = name;
        this.jvm = jvm;
    }

    /**
     * @param javaHome the JDK to run the node on
     * @param lane     null: no agent; "" baseline node; else the node's lane
     * @param jvmArgs  extra JVM options (e.g. an --add-opens, to isolate one JDK breakage)
     */
    static AppProcess start(String name, Path javaHome, String lane, List<String> jvmArgs, String... args)
            throws IOException {
        return start(name, LtsApp.class, NodeClassPath.lts(), javaHome, lane, jvmArgs, args);
    }

    /** A node on Dubbo's side of the class path ({@link NodeClassPath#dubbo()}): {@code main} with Dubbo 3.3. */
    static AppProcess startWithDubbo(String name, Class<?> main, Path javaHome, String lane, List<String> jvmArgs,
                                     String... args) throws IOException {
        return start(name, main, NodeClassPath.dubbo(), javaHome, lane, jvmArgs, args);
    }

    private static AppProcess start(String name, Class<?> main, String classPath, Path javaHome, String lane,
                                    List<String> jvmArgs, String... args) throws IOException {
        // no admin port of its own: the tests that need one pass -Dgraylane.admin.port (and .token) in jvmArgs, which
        // go to the agent as its settings so that admin() and metric() reach it
        var b = AppJvm.builder(name, main).classPath(classPath).javaHome(javaHome).heap("128m").adminEndpoint(false).args(args);
        for (String arg : jvmArgs) {
            if (lane != null && arg.startsWith("-Dgraylane.") && arg.indexOf('=') > 0) {
                b.graylane(arg.substring("-Dgraylane.".length(), arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                b.jvmArgs(arg);
            }
        }
        // -De2e.lts.disable=node:plugin,... (e.g. tt-agent:lts-jdk) turns a plugin off on the named nodes with the agent:
        // to see a test fail without the agent's fix
        for (String off : System.getProperty("e2e.lts.disable", "").split(",")) {
            if (lane != null && off.startsWith(name + ":")) {
                b.graylane("plugin." + off.substring(name.length() + 1) + ".enabled", "false");
            }
        }
        if (lane == null) {
            b.withoutAgent();
        } else if (!lane.isEmpty()) {
            b.agentArgs("lane=" + lane);
        }
        return new AppProcess(name, b.start());
    }

    /** This module's e2e work directory (target/e2e-work), for files the tests write. */
    static Path work() throws IOException {
        Path dir = java.nio.file.Paths.get(System.getProperty("graylane.e2e.work", "target/e2e-work"));
        java.nio.file.Files.createDirectories(dir);
        return dir;
    }

    boolean isAlive() {
        return jvm.isAlive();
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
        return jvm.awaitTag(tag, timeout);
    }

    String tail(int n) {
        return jvm.tail(n);
    }

    /** Lines the agent logged ("[graylane] ..."). */
    List<String> agentLines(String fragment) {
        return jvm.agentLines(fragment);
    }

    /** Closes stdin (the node stops as LTS stops: it leaves the registry first) and waits for the JVM to exit. */
    void stop(Duration d) {
        jvm.closeInput();
        jvm.waitFor(d);
    }

    /** SIGKILL, then wait until every printed line was read. */
    void kill() {
        jvm.kill();
    }

    /** A call to the agent's admin endpoint with the node's admin token (needs -Dgraylane.admin.port). */
    String admin(String method, String path) {
        return jvm.admin(method, path);
    }

    /** One series of the agent's /metrics, summed over the label sets containing {@code labels}. */
    long metric(String metric, String labels) {
        return jvm.metric(metric, labels);
    }

    void waitFor(Duration d) {
        jvm.waitFor(d);
    }

    @Override
    public void close() {
        jvm.close();
    }
}
