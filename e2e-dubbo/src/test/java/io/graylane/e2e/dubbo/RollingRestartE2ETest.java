package io.graylane.e2e.dubbo;

import io.graylane.e2e.dubbo.release.EchoProvider;
import io.graylane.e2e.dubbo.release.LoadDriver;
import io.graylane.testkit.Await;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rolling restart of two Dubbo provider instances (B1, B2) under continuous load from a Dubbo consumer (150 req/s,
 * retries 0, every request counted), on a real ZooKeeper, every JVM with the agent. Each provider call takes 20 ms,
 * so several are always in flight on each instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartE2ETest {
    static final String TOKEN = "rolling-restart-token";
    static final int RATE = 150;
    /** One more graylane setting for the providers, for fail-before runs (e.g. {@code shutdown.graceful=false}). */
    static final String PROVIDER_EXTRA = System.getProperty("e2e.provider.graylane", "log.level=INFO");
    static final Pattern STATS = Pattern.compile("requests=(\\d+) failed=(\\d+) inflight=(\\d+) served=(\\S*) errors=(.*)", Pattern.DOTALL);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, Provider> providers = new LinkedHashMap<>();
    final List<Long> drainedMillis = new ArrayList<>();
    final List<Stats> legs = new ArrayList<>();
    String lastCliOutput = "";
    String registry;
    AppProcess driver;
    int controlPort;
    int generation;

    /** One running provider instance and its admin port. */
    record Provider(String instance, AppProcess process, int adminPort) {
    }

    @BeforeAll
    void start() throws Exception {
        registry = "zookeeper://" + Testkit.sharedZooKeeper().connectString();
        for (String b : List.of("B1", "B2")) {
            providers.put(b, startProvider(b));
        }
        controlPort = Ports.free();
        driver = AppProcess.start("driver", LoadDriver.class, List.of("app=echo-driver"), List.of(),
                registry, String.valueOf(controlPort), String.valueOf(RATE));
        driver.awaitReady(Duration.ofSeconds(120));
        for (Provider p : providers.values()) {
            awaitServing(p);
        }
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.close();
        }
        providers.values().forEach(p -> p.process().close());
    }

    Provider startProvider(String b) throws Exception {
        String instance = b + "#" + (++generation);
        int admin = Ports.free();
        AppProcess p = AppProcess.start(instance.replace('#', '-'), EchoProvider.class, List.of(
                        "app=echo-" + b, "admin.port=" + admin, "admin.token=" + TOKEN, PROVIDER_EXTRA),
                List.of("-Ddubbo.application.register-mode=interface",
                        "-Ddubbo.application.service-discovery.migration=FORCE_INTERFACE"),
                instance, registry, String.valueOf(Ports.free()), "20");
        p.awaitReady(Duration.ofSeconds(120));
        return new Provider(instance, p, admin);
    }

    Provider restart(String b) throws Exception {
        Provider p = startProvider(b);
        providers.put(b, p);
        return p;
    }

    @Test
    @Order(1)
    void drainedRollingRestartFailsNoRequest() throws Exception {
        reset();
        for (String b : List.of("B1", "B2")) {
            Provider old = providers.get(b);
            assertEquals(0, cli("offline", old, "--wait-drained", "30s"), "node offline --wait-drained on " + old);
            drainedMillis.add(number(lastCliOutput, "drained after (\\d+) ms"));
            // drained: nothing in flight, no new calls; even SIGKILL now loses nothing
            old.process().kill();
            Provider fresh = restart(b);
            assertEquals(0, cli("online", fresh), "node online on " + fresh);
            awaitServing(fresh);
        }
        Stats s = settle();
        System.out.println("drained rolling restart: " + s + " drained-ms=" + drainedMillis);
        legs.add(s);
        assertTrue(s.requests >= 1000, s.toString());
        assertEquals(0, s.failed, s.toString());
    }

    @Test
    @Order(2)
    void killMinus9WithoutDrainFailsRequests() throws Exception {
        reset();
        Provider old = providers.get("B1");
        long before = stats().requests;
        old.process().kill();
        // keep the load on for a while after the kill
        Await.until("300 more requests", Duration.ofSeconds(60), () -> statsQuietly().requests >= before + 300);
        Provider fresh = restart("B1");
        awaitServing(fresh);
        Stats s = settle();
        System.out.println("kill -9 without drain: " + s);
        assertTrue(s.failed > 0, "a SIGKILL under load must fail the calls in flight (else this test proves nothing): " + s);
    }

    @Test
    @Order(3)
    void sigtermAloneFailsNoRequest() throws Exception {
        reset();
        List<String> stoppedLogs = new ArrayList<>();
        for (String b : List.of("B1", "B2")) {
            Provider old = providers.get(b);
            int exit = old.process().terminate(Duration.ofSeconds(60));
            System.out.println(old.instance() + " exited " + exit + " after SIGTERM");
            // the output reader may still be behind the exited process: wait for the agent's last SIGTERM line
            String[] log = {""};
            try {
                Await.until(old.instance() + "'s SIGTERM log line", Duration.ofSeconds(20),
                        () -> (log[0] = old.process().log()).contains("SIGTERM: node"));
            } catch (RuntimeException noLine) {
                System.out.println(old.instance() + ": no SIGTERM line from the agent: " + noLine);
            }
            stoppedLogs.add(log[0]);
            Provider fresh = restart(b);
            awaitServing(fresh);
        }
        Stats s = settle();
        System.out.println("SIGTERM rolling restart: " + s);
        legs.add(s);
        assertTrue(s.requests >= 1000, s.toString());
        assertEquals(0, s.failed, s.toString());
        for (String log : stoppedLogs) {
            // the agent drained before the JVM's shutdown hooks ran. (Dubbo 3.3.6's own shutdown hook also gave 0 failed
            // requests here with graylane.shutdown.graceful=false: this leg shows the drain ran, not that it was needed.)
            assertTrue(log.contains("SIGTERM: node drained"), "no 'SIGTERM: node drained' line:\n" + log);
            drainedMillis.add(number(log, "SIGTERM: node drained in (\\d+) ms"));
        }
        writeBenchLine();
    }

    /**
     * {@code target/rolling-restart.txt} for bench/rolling-restart.sh: the drained and the SIGTERM legs together (the
     * kill -9 control leg is left out); messages and jobs are not part of this run.
     */
    void writeBenchLine() throws Exception {
        long requests = legs.stream().mapToLong(Stats::requests).sum();
        long failed = legs.stream().mapToLong(Stats::failed).sum();
        List<Long> sorted = new ArrayList<>(drainedMillis);
        java.util.Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? -1 : sorted.get((sorted.size() - 1) / 2);
        String line = "rolling-restart requests=" + requests + " failed=" + failed + " drained-ms-p50=" + p50
                + " messages-lost=n/a jobs-doubled=n/a";
        System.out.println(line);
        java.nio.file.Files.writeString(Paths.get("target", "rolling-restart.txt"), line + "\n");
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

    int cli(String action, Provider p, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", AppProcess.agentJar().toString(), "node", action,
                "--admin", "127.0.0.1:" + p.adminPort(), "--token", TOKEN));
        cmd.addAll(List.of(more));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        int code = proc.waitFor();
        lastCliOutput = out;
        System.out.println("graylane node " + action + " " + p.instance() + " -> " + code + ": " + out.trim());
        return code;
    }

    void awaitServing(Provider p) {
        long[] base = {served(statsQuietly(), p.instance())};
        Await.until(p.instance() + " serving", Duration.ofSeconds(60),
                () -> served(statsQuietly(), p.instance()) >= base[0] + 20);
    }

    static long served(Stats s, String instance) {
        for (String e : s.served.split(",")) {
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.substring(0, colon).equals(instance)) {
                return Long.parseLong(e.substring(colon + 1));
            }
        }
        return 0;
    }

    /**
     * The counts once every request sent so far has ended: waits for 4 s worth of further requests (the consumer's
     * timeout is 3 s), so a call stuck on a killed instance has failed by then and is counted.
     */
    Stats settle() throws Exception {
        long mark = stats().requests;
        Await.until("4 s of further load", Duration.ofSeconds(60), () -> statsQuietly().requests >= mark + 4L * RATE);
        return stats();
    }

    void reset() throws Exception {
        get("/reset");
    }

    Stats stats() throws Exception {
        return Stats.parse(get("/stats"));
    }

    Stats statsQuietly() {
        try {
            return stats();
        } catch (Exception e) {
            return new Stats(0, 0, 0, "", e.toString());
        }
    }

    String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    record Stats(long requests, long failed, long inflight, String served, String errors) {
        static Stats parse(String line) {
            Matcher m = STATS.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalStateException("unexpected stats: " + line);
            }
            return new Stats(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4), m.group(5));
        }

        long answered() {
            long n = 0;
            for (String e : served.split(",")) {
                int colon = e.lastIndexOf(':');
                if (colon > 0) {
                    n += Long.parseLong(e.substring(colon + 1));
                }
            }
            return n;
        }
    }
}
