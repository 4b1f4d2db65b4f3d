package io.graylane.e2e.lts;

import io.graylane.testkit.app.AppJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One LTS node JVM ({@link LtsApp}), with the agent or not, on a chosen JDK, started by the testkit's {@link AppJvm}.
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
        // no admin port of its own: the tests that need one pass -Dgraylane.admin.port in jvmArgs
        var b = AppJvm.builder(name, LtsApp.class).javaHome(javaHome).heap("128m").adminEndpoint(false).jvmArgs(jvmArgs)
                .args(args);
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

    void waitFor(Duration d) {
        jvm.waitFor(d);
    }

    @Override
    public void close() {
        jvm.close();
    }
}
