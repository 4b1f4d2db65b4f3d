package io.graylane.e2e.springcloud;

import io.graylane.testkit.app.AppJvm;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spring Cloud application JVM of this module, started by the testkit's {@link AppJvm}. Ready when it prints
 * {@code READY}, after {@code VERSION spring-boot=<version>} equal to this module's matrix entry
 * ({@code graylane.e2e.expect.spring-boot}, set by the pom); it must listen on loopback only.
 */
final class AppProcess implements AutoCloseable {
    final String name;
    private final AppJvm jvm;

    private AppProcess(String name, AppJvm jvm) {
        this.name = name;
        this.jvm = jvm;
    }

    /**
     * @param graylane {@code graylane.*} settings without the prefix, e.g. {@code "lane=gray"}; null = no agent
     */
    static AppProcess start(String name, Class<?> main, List<String> graylane, String... args) throws IOException {
        return start(name, main, graylane, List.of(), args);
    }

    /** @param jvmArgs more JVM options */
    static AppProcess start(String name, Class<?> main, List<String> graylane, List<String> jvmArgs, String... args)
            throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Djava.net.preferIPv4Stack=true"));
        jvm.addAll(jvmArgs);
        var b = AppJvm.builder(name, main).jvmArgs(jvm).args(args)
                .expectVersion("spring-boot", System.getProperty("graylane.e2e.expect.spring-boot"));
        if (graylane == null) {
            b.withoutAgent();
        } else {
            b.graylane(graylane);
        }
        return new AppProcess(name, b.start());
    }

    AppProcess awaitReady(Duration timeout) {
        jvm.awaitReady(timeout);
        jvm.assertListensOnLoopbackOnly();
        return this;
    }

    double secondsSinceStart() {
        return jvm.secondsSinceStart();
    }

    String log() {
        return jvm.log();
    }

    String tail(int lines) {
        return jvm.tail(lines);
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGKILL: no graceful deregistration. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
