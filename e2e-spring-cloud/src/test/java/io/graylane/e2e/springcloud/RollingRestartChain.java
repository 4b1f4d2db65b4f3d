package io.graylane.e2e.springcloud;

import io.graylane.e2e.springcloud.apps.ChainNode;
import io.graylane.e2e.springcloud.gateway.GatewayNode;
import io.graylane.e2e.springcloud.release.HttpLoad;
import io.graylane.e2e.springcloud.release.ReleaseB;
import io.graylane.testkit.Await;
import io.graylane.testkit.NacosServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import io.graylane.testkit.app.AppJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain of the rolling-restart tests, started once per test class: Spring Cloud Gateway ({@code lb://svc-a}) → A →
 * two B instances ({@code svc-b}, {@link ReleaseB}) → C on the testkit's real Nacos, every JVM with the agent, and
 * {@link HttpLoad} at {@link #RATE} requests/s through the gateway after one warm-up. How a B instance is started is
 * the subclass's ({@link #startB}); the CLI ({@code node offline|online}), waiting for a B to serve, settling the
 * counts and the result line are shared here.
 */
abstract class RollingRestartChain {
    static final String TOKEN = "rolling-restart-http-token";
    static final int RATE = 150;
    /** One more graylane setting for the B instances, for fail-before runs (e.g. {@code shutdown.graceful=false}). */
    static final String B_EXTRA = System.getProperty("e2e.b.graylane", "log.level=INFO");
    static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1");

    final List<AppProcess> apps = new ArrayList<>();
    final Map<String, B> bs = new LinkedHashMap<>();
    final List<Long> drainedMillis = new ArrayList<>();
    final List<HttpLoad.Stats> legs = new ArrayList<>();
    NacosServer nacos;
    HttpLoad load;
    String lastCliOutput = "";
    int generation;

    /** One running B instance: its JVM and its agent's admin port. */
    record B(String instance, AppJvm jvm, int adminPort) {
    }

    /** Starts B instance {@code name} (e.g. {@code B1}); {@link #instance} names this start of it. */
    abstract B startB(String name) throws Exception;

    /** A new instance name for a start of B {@code name}: {@code B1-3}. */
    String instance(String name) {
        return name + "-" + (++generation);
    }

    List<String> springArgs(String service, int port) {
        return List.of("--spring.application.name=" + service,
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.cloud.nacos.discovery.server-addr=" + nacos.serverAddr(),
                "--spring.cloud.nacos.discovery.ip=127.0.0.1",
                "--spring.main.banner-mode=off");
    }

    AppProcess chainNode(String instance, String role) throws Exception {
        List<String> args = new ArrayList<>(List.of("--role=" + role, "--instance=" + instance,
                "--spring.cloud.gateway.enabled=false"));
        args.addAll(springArgs("svc-" + role.toLowerCase(), Ports.free()));
        return AppProcess.start(instance, ChainNode.class, List.of("app=svc-" + role.toLowerCase()), FAST_START,
                args.toArray(String[]::new));
    }

    /** B as a Spring Boot jar (embedded Tomcat) in its own JVM. */
    B startJarB(String name) throws Exception {
        String instance = instance(name);
        int admin = Ports.free();
        List<String> args = new ArrayList<>(List.of("--instance=" + instance, "--spring.cloud.gateway.enabled=false"));
        args.addAll(springArgs("svc-b", Ports.free()));
        AppJvm jvm = AppJvm.builder(instance, ReleaseB.class)
                .jvmArgs(new ArrayList<>(List.of("-Djava.net.preferIPv4Stack=true", "-XX:TieredStopAtLevel=1")))
                .args(args.toArray(String[]::new))
                .classPath(AppProcess.appClassPath(List.of()))
                .expectVersion("spring-boot", System.getProperty("graylane.e2e.expect.spring-boot"))
                .graylane(List.of("app=svc-b", "admin.port=" + admin, "admin.token=" + TOKEN, B_EXTRA))
                .start();
        return new B(instance, jvm, admin);
    }

    @BeforeAll
    void start() throws Exception {
        nacos = Testkit.sharedNacos();
        apps.add(chainNode("C", "C"));
        for (String b : List.of("B1", "B2")) {
            bs.put(b, startB(b));
        }
        apps.add(chainNode("A", "A"));
        int gatewayPort = Ports.free();
        List<String> gw = new ArrayList<>(List.of("--spring.main.web-application-type=reactive",
                "--spring.cloud.gateway.routes[0].id=svc-a",
                "--spring.cloud.gateway.routes[0].uri=lb://svc-a",
                "--spring.cloud.gateway.routes[0].predicates[0]=Path=/chain"));
        gw.addAll(springArgs("gateway", gatewayPort));
        apps.add(AppProcess.start("gateway", GatewayNode.class, List.of("app=gateway"), FAST_START,
                GatewayLanesE2ETest.SERVLET_STACK, gw.toArray(String[]::new)));
        for (AppProcess p : apps) {
            p.awaitReady(Duration.ofSeconds(240));
        }
        for (B b : bs.values()) {
            b.jvm().awaitReady(Duration.ofSeconds(240));
            b.jvm().assertListensOnLoopbackOnly();
        }
        load = new HttpLoad("http://127.0.0.1:" + gatewayPort + "/chain", RATE);
        for (B b : bs.values()) {
            awaitServing(b, Duration.ofSeconds(120));
        }
        // warm-up: the gateway, A and C run their first thousands of requests (class loading, C1) before any leg counts
        long warm = load.sent() + 3000;
        Await.until("3000 warm-up requests ended", Duration.ofSeconds(120),
                () -> load.sent() >= warm && load.endedUpTo(warm));
        System.out.println("HTTP warm-up: " + load.stats());
    }

    @AfterAll
    void stop() {
        if (load != null) {
            load.close();
        }
        bs.values().forEach(b -> b.jvm().close());
        apps.forEach(AppProcess::close);
    }

    /**
     * {@code node offline --wait-drained} (CLI) → SIGKILL → started → {@code node online} on each B named, in turn,
     * each time waiting until the new instance serves through the gateway; the drain times go to {@link #drainedMillis}.
     * Returns the stopped instances.
     */
    List<B> drainedRestart(List<String> names) throws Exception {
        List<B> stopped = new ArrayList<>();
        for (String name : names) {
            B old = bs.get(name);
            stopped.add(old);
            if (cli("offline", old, "--wait-drained", "30s") != 0) {
                throw new AssertionError("node offline --wait-drained on " + old + " failed: " + lastCliOutput);
            }
            drainedMillis.add(number(lastCliOutput, "drained after (\\d+) ms"));
            // drained: nothing in flight and no new request; even SIGKILL now fails nothing
            old.jvm().kill();
            B fresh = restart(name);
            if (cli("online", fresh) != 0) {
                throw new AssertionError("node online on " + fresh + " failed: " + lastCliOutput);
            }
            awaitServing(fresh, Duration.ofSeconds(60));
        }
        return stopped;
    }

    /** SIGKILL on B {@code name} under load (no drain), 300 more requests, started again and serving. */
    void killWithoutDrain(String name) throws Exception {
        long before = load.stats().requests();
        bs.get(name).jvm().kill();
        Await.until("300 more requests", Duration.ofSeconds(60), () -> load.stats().requests() >= before + 300);
        awaitServing(restart(name), Duration.ofSeconds(60));
    }

    /**
     * SIGTERM only (the agent's graceful shutdown) on each B named, in turn, then started again; returns what each
     * stopped instance printed (for {@link #sigtermDrainTimes}).
     */
    List<String> sigtermRestart(List<String> names) throws Exception {
        List<String> stoppedLogs = new ArrayList<>();
        for (String name : names) {
            B old = bs.get(name);
            int exit = old.jvm().terminate(Duration.ofSeconds(60));
            System.out.println(old.instance() + " exited " + exit + " after SIGTERM");
            stoppedLogs.add(old.jvm().log());
            awaitServing(restart(name), Duration.ofSeconds(60));
        }
        return stoppedLogs;
    }

    /** Each stopped instance's "SIGTERM: node drained in N ms" (required) added to {@link #drainedMillis}. */
    void sigtermDrainTimes(List<String> stoppedLogs) {
        for (String log : stoppedLogs) {
            if (!log.contains("SIGTERM: node drained")) {
                throw new AssertionError("no 'SIGTERM: node drained' line:\n" + log);
            }
            drainedMillis.add(number(log, "SIGTERM: node drained in (\\d+) ms"));
        }
    }

    /**
     * {@code target/<name>.txt}: {@link #legs} together (control legs are not added there), and the median drain time.
     */
    void writeResultLine(String name) throws Exception {
        long requests = legs.stream().mapToLong(HttpLoad.Stats::requests).sum();
        long failed = legs.stream().mapToLong(HttpLoad.Stats::failed).sum();
        long slow = legs.stream().mapToLong(HttpLoad.Stats::slow).sum();
        List<Long> sorted = new ArrayList<>(drainedMillis);
        Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? -1 : sorted.get((sorted.size() - 1) / 2);
        String line = name + " requests=" + requests + " failed=" + failed + " drained-ms-p50=" + p50
                + " drained-ms=" + drainedMillis + " slow-over-2s=" + slow;
        System.out.println(line);
        Files.writeString(Paths.get("target", name + ".txt"), line + "\n");
    }

    B restart(String name) throws Exception {
        B b = startB(name);
        bs.put(name, b);
        b.jvm().awaitReady(Duration.ofSeconds(120));
        return b;
    }

    /** 20 more answers from {@code b} through the gateway. */
    void awaitServing(B b, Duration timeout) {
        long base = load.stats().servedBy(b.instance());
        Await.until(b.instance() + " serving through the gateway", timeout,
                () -> load.stats().servedBy(b.instance()) >= base + 20);
    }

    /** The counts once every request sent so far has ended (answered, failed, or timed out). */
    HttpLoad.Stats settle() {
        long mark = load.sent();
        Await.until("every request sent so far ended", Duration.ofSeconds(60), () -> load.endedUpTo(mark));
        return load.stats();
    }

    int cli(String action, B b, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", AppJvm.agentJar().toString(), "node", action,
                "--admin", "127.0.0.1:" + b.adminPort(), "--token", TOKEN));
        cmd.addAll(List.of(more));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        int code = proc.waitFor();
        lastCliOutput = out;
        System.out.println("graylane node " + action + " " + b.instance() + " -> " + code + ": " + out.trim());
        return code;
    }

    static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        if (last < 0) {
            throw new AssertionError("no '" + regex + "' in:\n" + text);
        }
        return last;
    }
}
