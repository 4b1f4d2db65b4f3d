package io.graylane.e2e.dubbo;

import io.graylane.e2e.dubbo.release.EchoProvider;
import io.graylane.e2e.dubbo.release.EchoService;
import io.graylane.e2e.dubbo.release.LoadDriver;
import io.graylane.testkit.Await;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code node offline} on a Dubbo provider, for each way a consumer can discover it: interface-level and
 * application-level discovery, on ZooKeeper and on Nacos (real servers). Two provider JVMs with the agent, each
 * registered with both registries in {@code register-mode=all}; four consumer JVMs, one per registry × discovery mode
 * ({@code FORCE_INTERFACE} / {@code FORCE_APPLICATION}), each calling at a fixed rate with retries 0 (a failed call is
 * counted, not retried elsewhere). Each provider call takes 50 ms, so calls are in flight on the provider taken
 * offline. Per combination the time until its consumer last started a call on the offline provider is printed and
 * written to {@code target/dubbo-offline.txt} (recorded, not asserted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DubboOfflineDiscoveryE2ETest {
    static final String TOKEN = "dubbo-offline-token";
    static final int RATE = 60;
    /** One more graylane setting for the providers, for fail-before runs (e.g. {@code plugin.dubbo.enabled=false}). */
    static final String PROVIDER_EXTRA = System.getProperty("e2e.offline.provider.graylane", "log.level=INFO");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Provider> providers = new ArrayList<>();
    final List<Consumer> consumers = new ArrayList<>();

    /** A provider instance and its admin port. */
    record Provider(String name, AppProcess process, int adminPort) {
    }

    /** A consumer of one registry in one discovery mode, and its control port. */
    record Consumer(String registry, String mode, AppProcess process, int controlPort) {
        String label() {
            return "registry=" + registry + " mode=" + mode;
        }
    }

    @BeforeAll
    void start() throws Exception {
        String zooKeeper = "zookeeper://" + Testkit.sharedZooKeeper().connectString();
        String nacos = "nacos://" + Testkit.sharedNacos().serverAddr();
        for (String name : List.of("P1", "P2")) {
            int admin = Ports.free();
            providers.add(new Provider(name, AppProcess.start("offline-" + name, EchoProvider.class,
                    List.of("app=echo-provider", "admin.port=" + admin, "admin.token=" + TOKEN, PROVIDER_EXTRA),
                    List.of("-Ddubbo.application.register-mode=all"),
                    name, zooKeeper + "," + nacos, String.valueOf(Ports.free()), "50"), admin));
        }
        for (Provider p : providers) {
            p.process().awaitReady(Duration.ofSeconds(120));
        }
        for (String registry : List.of("zookeeper", "nacos")) {
            for (String mode : List.of("interface", "application")) {
                int control = Ports.free();
                // application-level: the provider's application named up front (Dubbo 3.3 published the
                // interface→application mapping to only one of the provider's two registries' metadata centers)
                consumers.add(new Consumer(registry, mode, AppProcess.start("offline-" + registry + "-" + mode,
                        LoadDriver.class, List.of("app=echo-driver"),
                        List.of("-Ddubbo.application.service-discovery.migration=FORCE_" + mode.toUpperCase(),
                                "-Ddubbo.reference." + EchoService.class.getName() + ".provided-by=echo-provider"),
                        registry.equals("nacos") ? nacos : zooKeeper, String.valueOf(control), String.valueOf(RATE)),
                        control));
            }
        }
        for (Consumer c : consumers) {
            c.process().awaitReady(Duration.ofSeconds(120));
        }
        for (Consumer c : consumers) {
            for (Provider p : providers) {
                awaitChosen(c, p.name(), Duration.ofSeconds(90));
            }
        }
    }

    @AfterAll
    void stop() {
        consumers.forEach(c -> c.process().close());
        providers.forEach(p -> p.process().close());
    }

    @Test
    void offlineProviderIsNoLongerChosenInAnyDiscoveryModeOnEitherRegistryAndIsChosenAgainWhenOnline() throws Exception {
        Provider off = providers.get(0);
        Provider other = providers.get(1);
        for (Consumer c : consumers) {
            get(c, "/reset");
        }
        long offlineAt = System.currentTimeMillis();
        HttpResponse<String> offline = post(off, "/node/offline");
        System.out.println("POST /node/offline on " + off.name() + " -> " + offline.statusCode() + ": " + offline.body());
        assertEquals(200, offline.statusCode(), offline.body());
        long providerInFlight = RollingRestartE2ETest.number(offline.body(), "\"inFlight\":(\\d+)");

        // no new call reaches the offline provider: it answered nothing while the other one answered 2 s of calls
        List<NotChosen> notChosen = new ArrayList<>();
        consumers.forEach(c -> notChosen.add(new NotChosen(c, off.name(), other.name(), 2L * RATE)));
        try {
            Await.until("every consumer stops choosing " + off.name(), Duration.ofSeconds(30),
                    () -> notChosen.stream().filter(NotChosen::getAsBoolean).count() == notChosen.size());
        } catch (RuntimeException stillChosen) {
            StringBuilder b = new StringBuilder();
            for (Consumer c : consumers) {
                long[] times = callTimes(c, off.name(), offlineAt);
                b.append("\n  ").append(c.label()).append(": ").append(times[2]).append(" calls started on ")
                        .append(off.name()).append(" after the offline, the last ")
                        .append(System.currentTimeMillis() - times[0]).append(" ms ago; ").append(stats(c));
            }
            System.out.println("still choosing " + off.name() + ":" + b);
            throw new AssertionError(stillChosen.getMessage() + b, stillChosen);
        }
        assertEquals(0, cli("offline", off, "--wait-drained", "30s"), "node offline --wait-drained on " + off.name());

        Map<String, String> lines = new TreeMap<>();
        long spanning = 0;
        for (Consumer c : consumers) {
            long[] times = callTimes(c, off.name(), offlineAt);
            spanning += times[1];
            lines.put(c.label(), "dubbo-offline " + c.label() + " stopped-choosing-ms=" + (times[0] - offlineAt)
                    + " inflight-finished=" + times[1] + " chosen-after-offline=" + times[2]);
        }

        long onlineAt = System.currentTimeMillis();
        assertEquals(0, cli("online", off), "node online on " + off.name());
        for (Consumer c : consumers) {
            awaitChosen(c, off.name(), Duration.ofSeconds(60));
            lines.computeIfPresent(c.label(), (k, l) -> l + " chosen-again-ms=" + (System.currentTimeMillis() - onlineAt));
        }

        List<String> out = new ArrayList<>();
        out.add("dubbo-offline provider=" + off.name() + " inflight-at-offline=" + providerInFlight + " drained=true");
        System.out.println(out.get(0));
        for (Consumer c : consumers) {
            RollingRestartE2ETest.Stats s = stats(c);
            String line = lines.get(c.label()) + " requests=" + s.requests() + " failed=" + s.failed();
            System.out.println(line + (s.failed() > 0 ? " errors=" + s.errors() : ""));
            out.add(line);
        }
        Path target = Paths.get("target");
        Files.createDirectories(target);
        Files.write(target.resolve("dubbo-offline.txt"), out);
        for (Consumer c : consumers) {
            RollingRestartE2ETest.Stats s = stats(c);
            assertEquals(0, s.failed(), c.label() + ": " + s);
        }
        // calls were running on the offline provider when it went offline (50 ms each, ~6 at a time) and none failed
        assertTrue(providerInFlight + spanning > 0, "no call was in flight on " + off.name() + " at the offline: " + out);
    }

    /** True once {@code name} answered nothing while {@code other} answered {@code calls} calls in a row. */
    final class NotChosen implements java.util.function.BooleanSupplier {
        final Consumer consumer;
        final String name;
        final String other;
        final long calls;
        long lastServed = -1;
        long otherAtLastServed;

        NotChosen(Consumer consumer, String name, String other, long calls) {
            this.consumer = consumer;
            this.name = name;
            this.other = other;
            this.calls = calls;
        }

        @Override
        public boolean getAsBoolean() {
            RollingRestartE2ETest.Stats s = statsQuietly(consumer);
            long served = RollingRestartE2ETest.served(s, name);
            long otherServed = RollingRestartE2ETest.served(s, other);
            if (served != lastServed) {
                lastServed = served;
                otherAtLastServed = otherServed;
                return false;
            }
            return otherServed - otherAtLastServed >= calls;
        }
    }

    void awaitChosen(Consumer c, String provider, Duration timeout) {
        long base = RollingRestartE2ETest.served(statsQuietly(c), provider);
        Await.until(c.label() + " chooses " + provider, timeout,
                () -> RollingRestartE2ETest.served(statsQuietly(c), provider) >= base + 20);
    }

    /** For {@code provider}: start of its latest answered call, calls spanning {@code at}, calls started after it. */
    long[] callTimes(Consumer c, String provider, long at) throws Exception {
        for (String e : get(c, "/calls?at=" + at).trim().split(",")) {
            String[] f = e.split(":");
            if (f.length == 4 && f[0].equals(provider)) {
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
            }
        }
        throw new AssertionError(c.label() + ": no calls answered by " + provider);
    }

    int cli(String action, Provider p, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", AppProcess.agentJar().toString(), "node", action,
                "--admin", "127.0.0.1:" + p.adminPort(), "--token", TOKEN));
        cmd.addAll(List.of(more));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        int code = proc.waitFor();
        System.out.println("graylane node " + action + " " + p.name() + " -> " + code + ": " + out.trim());
        return code;
    }

    HttpResponse<String> post(Provider p, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.adminPort() + path))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    RollingRestartE2ETest.Stats stats(Consumer c) throws Exception {
        return RollingRestartE2ETest.Stats.parse(get(c, "/stats"));
    }

    RollingRestartE2ETest.Stats statsQuietly(Consumer c) {
        try {
            return stats(c);
        } catch (Exception e) {
            return new RollingRestartE2ETest.Stats(0, 0, 0, "", e.toString());
        }
    }

    String get(Consumer c, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.controlPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
