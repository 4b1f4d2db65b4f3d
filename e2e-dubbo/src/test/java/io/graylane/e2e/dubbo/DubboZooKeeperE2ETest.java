package io.graylane.e2e.dubbo;

import io.graylane.e2e.dubbo.apps.GatewayApp;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import io.graylane.testkit.ZooKeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain on ZooKeeper with interface-level registration and discovery only. Instances: A-base, B-base (strict),
 * C-base, C-gray, and C-usertag: a node of lane gray whose service the application tagged {@code blue} itself. The
 * gateway takes rules from a local file and trusts lane headers from 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DubboZooKeeperE2ETest extends ChainSupport {
    static final String GRAY_PATH = "gw[gray]>A-base[gray]>B-base[gray]>C-gray[gray]";
    static final String BASE_PATH = "gw[-]>A-base[-]>B-base[-]>C-base[-]";
    static final List<String> INTERFACE_LEVEL = List.of("-Ddubbo.application.register-mode=interface",
            "-Ddubbo.application.service-discovery.migration=FORCE_INTERFACE");

    @BeforeAll
    void startChain() throws Exception {
        long t0 = System.nanoTime();
        ZooKeeperServer zk = Testkit.sharedZooKeeper();
        String registry = "zookeeper://" + zk.connectString();
        Path rules = Paths.get(System.getProperty("graylane.e2e.work", "target/e2e-work"), "zk-rules.json").toAbsolutePath();
        Files.createDirectories(rules.getParent());
        Files.writeString(rules, DubboChainE2ETest.rules(true));
        gatewayPort = Ports.free();
        apps.add(node("C-base", "C", registry, null, INTERFACE_LEVEL, null));
        apps.add(node("C-gray", "C", registry, "gray", INTERFACE_LEVEL, null));
        apps.add(node("C-usertag", "C", registry, "gray", INTERFACE_LEVEL, "blue"));
        apps.add(node("B-base", "B", registry, null, INTERFACE_LEVEL, null, "dubbo.strict=true"));
        apps.add(node("A-base", "A", registry, null, INTERFACE_LEVEL, null));
        apps.add(AppProcess.start("gateway-zk", GatewayApp.class, List.of(
                        "app=gateway-zk",
                        "rules.file=" + rules,
                        "ingress.trusted-cidrs=127.0.0.1/32",
                        "ingress.response-header=x-graylane-served-lane"),
                INTERFACE_LEVEL, String.valueOf(gatewayPort), registry));
        for (AppProcess p : apps) {
            p.awaitReady(Duration.ofSeconds(120));
        }
        awaitPath(GRAY_PATH, "tester");
        awaitPath(BASE_PATH, "someone");
        awaitPath("gw[blue]>A-base[blue]>B-base[blue]>C-usertag[blue]", null, Map.of("x-graylane-lane", "blue"));
        System.out.printf("zk chain: routes complete %.1f s after start%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stopChain() {
        stopApps();
    }

    @Test
    void laneCrossesTwoBaselineHopsAndNeverReachesAnotherLane() throws Exception {
        for (int i = 0; i < 200; i++) {
            // C-usertag runs in lane gray but its service carries the application's own tag (blue): not gray's
            assertEquals(GRAY_PATH, call("tester", null));
        }
        for (int i = 0; i < 50; i++) {
            // trusted caller (127.0.0.1 is configured): its lane header is believed
            assertEquals("gw[blue]>A-base[blue]>B-base[blue]>C-usertag[blue]",
                    call("someone", Map.of("x-graylane-lane", "blue")));
        }
    }

    @Test
    void untaggedRequestsNeverTouchGray() throws Exception {
        Map<String, Integer> paths = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            paths.merge(call("user-" + i, null), 1, Integer::sum);
        }
        assertEquals(Map.of(BASE_PATH, 1000), paths);
    }

    @Test
    void strictHopWithoutInstanceOfTheLaneFails() throws Exception {
        // A-base is not strict: lane green (no instance anywhere) falls back at A → B; B-base is strict: B → C fails
        HttpResponse<String> r = get("/call?id=1", "someone", Map.of("x-graylane-lane", "green"));
        assertEquals(500, r.statusCode(), r.body());
        // and it failed for the reason under test: B found no provider of C in lane green (not any other error)
        assertTrue(r.body().contains("No provider available") && r.body().contains("ServiceC"), r.body());
        // without strict mode the same unknown lane would be served by baseline: the gray path still works meanwhile
        assertEquals(GRAY_PATH, call("tester", null));
        assertTrue(r.headers().firstValue("x-graylane-served-lane").orElse("").equals("green"));
    }
}
