package io.graylane.e2e.springcloud;

import io.graylane.testkit.app.AppJvm;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Spring Cloud application JVM of this module, started by the testkit's {@link AppJvm}. Ready when it prints
 * {@code READY}, after a {@code VERSION <library>=<version>} line for each of {@link #LIBRARIES} equal to what the
 * module's pom expects ({@code graylane.e2e.expect.<library>}); it must listen on loopback only.
 */
final class AppProcess implements AutoCloseable {
    /** The libraries whose loaded version every application prints and the test checks. */
    static final List<String> LIBRARIES = List.of("spring-boot", "spring-cloud-commons", "spring-cloud-loadbalancer",
            "spring-cloud-openfeign", "spring-cloud-gateway", "spring-cloud-alibaba");
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
        return start(name, main, graylane, jvmArgs, List.of(), args);
    }

    /** @param dropJars name prefixes of jars left off this JVM's class path (e.g. a servlet stack for a gateway) */
    static AppProcess start(String name, Class<?> main, List<String> graylane, List<String> jvmArgs,
                            List<String> dropJars, String... args) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Djava.net.preferIPv4Stack=true"));
        jvm.addAll(jvmArgs);
        var b = AppJvm.builder(name, main).jvmArgs(jvm).args(args).classPath(appClassPath(dropJars));
        for (String library : LIBRARIES) {
            b.expectVersion(library, System.getProperty("graylane.e2e.expect." + library));
        }
        if (graylane == null) {
            b.withoutAgent();
        } else {
            b.graylane(graylane);
        }
        return new AppProcess(name, b.start());
    }

    static String appClassPath(List<String> dropJars) {
        return Arrays.stream(AppJvm.appClassPath().split(File.pathSeparator))
                .filter(e -> dropJars.stream().noneMatch(n -> new File(e).getName().startsWith(n)))
                .collect(Collectors.joining(File.pathSeparator));
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
