package io.graylane.e2e.springcloud;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.graylane.e2e.springcloud.naming.PlainNamingApp;
import io.graylane.testkit.Await;
import io.graylane.testkit.NacosServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import io.graylane.testkit.app.AppJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The lane in registrations made with the plain Nacos naming client, and those registrations in the node lifecycle:
 * two plain Java applications (no Spring on their class path) register with {@code NamingService#registerInstance}
 * against the testkit's real Nacos, both with the agent, one of lane {@code gray}, one baseline. Read back from Nacos by
 * a naming client of this test: the gray instance carries {@code graylane.lane=gray}, the baseline one no metadata;
 * {@code POST /node/offline} on the gray node takes its instance out of Nacos (the baseline one stays),
 * {@code POST /node/online} brings it back with its lane.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NacosNamingClientE2ETest {
    static final String SERVICE = "plain-naming";
    static final String TOKEN = "nacos-naming-token";
    static final String LANE_KEY = "graylane.lane";
    /** One more graylane setting for both applications, for fail-before runs (e.g. the plugin disabled). */
    static final String EXTRA = System.getProperty("e2e.naming.graylane", "log.level=INFO");

    NacosServer nacos;
    NamingService reader;
    AppJvm gray;
    AppJvm base;
    int grayPort;
    int basePort;

    @BeforeAll
    void start() throws Exception {
        nacos = Testkit.sharedNacos();
        grayPort = Ports.free();
        basePort = Ports.free();
        gray = app("naming-gray", grayPort, "lane=gray");
        base = app("naming-base", basePort, null);
        gray.awaitReady(Duration.ofSeconds(120));
        base.awaitReady(Duration.ofSeconds(120));
        Path home = Paths.get("target", "e2e-work", "naming-reader").toAbsolutePath();
        System.setProperty("JM.SNAPSHOT.PATH", home.resolve("nacos").toString());
        System.setProperty("JM.LOG.PATH", home.resolve("nacos-logs").toString());
        System.setProperty("com.alibaba.nacos.naming.cache.dir", home.resolve("nacos-naming").toString());
        reader = NacosFactory.createNamingService(nacos.serverAddr());
    }

    AppJvm app(String name, int port, String lane) throws Exception {
        var b = AppJvm.builder(name, PlainNamingApp.class)
                .jvmArgs("-Djava.net.preferIPv4Stack=true", "-XX:TieredStopAtLevel=1")
                .classPath(AppProcess.appClassPath(List.of("spring-")))
                .args(nacos.serverAddr(), SERVICE, String.valueOf(port))
                .graylane(List.of("app=" + name, "admin.token=" + TOKEN, EXTRA));
        if (lane != null) {
            b.graylane(List.of(lane));
        }
        return b.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (reader != null) {
            reader.shutDown();
        }
        for (AppJvm a : new AppJvm[] {gray, base}) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** What Nacos answers now (not a subscription cache): port → the instance. */
    Map<Integer, Instance> registered() {
        try {
            return reader.getAllInstances(SERVICE, false).stream()
                    .collect(Collectors.toMap(Instance::getPort, i -> i, (x, y) -> x));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Instance> instance(int port) {
        return Optional.ofNullable(registered().get(port));
    }

    @Test
    void grayNodeRegistersWithItsLaneBaselineUnchangedOfflineLeavesNacosOnlineReturns() {
        long t0 = System.nanoTime();
        Await.until("both instances in Nacos", Duration.ofSeconds(30),
                () -> instance(grayPort).isPresent() && instance(basePort).isPresent());
        System.out.println(gray.awaitTag("naming client from", Duration.ofSeconds(1)) + "; registered: " + registered());
        assertEquals(Map.of(LANE_KEY, "gray"), instance(grayPort).orElseThrow().getMetadata(),
                "the gray node's instance metadata in Nacos");
        assertEquals(Map.of(), instance(basePort).orElseThrow().getMetadata(),
                "the baseline node's instance metadata in Nacos (registered unchanged)");

        gray.admin("POST", "/node/offline");
        long t1 = System.nanoTime();
        Await.until("the gray instance gone from Nacos", Duration.ofSeconds(30), () -> instance(grayPort).isEmpty());
        System.out.printf("offline → gone from Nacos in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
        assertFalse(instance(basePort).isEmpty(), "the baseline instance stays registered");
        System.out.println("gray /node after offline: " + gray.admin("GET", "/node"));

        gray.admin("POST", "/node/online");
        long t2 = System.nanoTime();
        Await.until("the gray instance back in Nacos", Duration.ofSeconds(30), () -> instance(grayPort).isPresent());
        System.out.printf("online → back in Nacos in %d ms%n", (System.nanoTime() - t2) / 1_000_000);
        assertEquals(Map.of(LANE_KEY, "gray"), instance(grayPort).orElseThrow().getMetadata(),
                "the gray instance registered again, with its lane");
        assertEquals(2, registered().size(), "instances of " + SERVICE + ": " + registered());
        System.out.printf("naming-client case: %d ms after both apps were ready%n", (System.nanoTime() - t0) / 1_000_000);
    }
}
