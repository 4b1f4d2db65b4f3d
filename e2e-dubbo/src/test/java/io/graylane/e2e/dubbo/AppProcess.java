package io.graylane.e2e.dubbo;

import io.graylane.testkit.app.AppJvm;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Dubbo application JVM of this module, started by the testkit's {@link AppJvm} with what Dubbo needs here (its
 * loggers on SLF4J, IPv4, the {@code --add-opens} Dubbo 2.7's javassist proxies need on JDK 17). Ready when it prints
 * {@code READY}, after {@code VERSION dubbo=<version>} equal to this module's matrix entry
 * ({@code graylane.e2e.expect.dubbo}, set by the pom) — and for the Spring Boot gateway {@code VERSION spring-boot=}
 * equal to {@code graylane.e2e.expect.spring-boot} — and it must listen on loopback only.
 */
final class AppProcess implements AutoCloseable {
    final String name;
    /** The Dubbo port of a chain node (0 for other apps). */
    int dubboPort;
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

    /** @param jvmArgs more JVM options, e.g. {@code -Ddubbo.application.register-mode=interface} */
    static AppProcess start(String name, Class<?> main, List<String> graylane, List<String> jvmArgs, String... args)
            throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Ddubbo.application.logger=slf4j", "-Djava.net.preferIPv4Stack=true",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.math=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED"));
        jvm.addAll(jvmArgs);
        var b = AppJvm.builder(name, main).jvmArgs(jvm).args(args)
                .expectVersion("dubbo", System.getProperty("graylane.e2e.expect.dubbo"));
        if (main == io.graylane.e2e.dubbo.apps.GatewayApp.class) {
            b.expectVersion("spring-boot", System.getProperty("graylane.e2e.expect.spring-boot"));
        }
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

    /** SIGTERM, then waits for the JVM to exit (at most {@code timeout}); its exit code. */
    int terminate(Duration timeout) {
        return jvm.terminate(timeout);
    }

    /** The built agent jar the applications run with (also the CLI). */
    static java.nio.file.Path agentJar() {
        return AppJvm.agentJar();
    }

    /** SIGKILL: no graceful unregistration. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
