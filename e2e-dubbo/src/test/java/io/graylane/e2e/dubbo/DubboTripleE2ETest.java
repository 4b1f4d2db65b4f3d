package io.graylane.e2e.dubbo;

import io.graylane.e2e.dubbo.apps.GatewayApp;
import io.graylane.testkit.NacosServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same chain as {@link DubboChainE2ETest} with every provider on Dubbo 3's Triple protocol instead of dubbo:
 * the lane travels as a Triple header, routing and fallback are the same, and an async call's continuation keeps the
 * lane. Dubbo 3.x only (the 2.7 module excludes it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DubboTripleE2ETest extends ChainSupport {
    static final String DATA_ID = "e2e-dubbo-triple-rules-" + System.currentTimeMillis() + ".json";
    /** Providers on Triple; Dubbo's MetadataService too, so it listens where the Triple protocol does (loopback). */
    static final List<String> TRIPLE = List.of("-De2e.protocol=tri", "-Ddubbo.application.metadata-service-protocol=tri");

    NacosServer nacos;

    @BeforeAll
    void startChain() throws Exception {
        nacos = Testkit.sharedNacos();
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, DubboChainE2ETest.rules(true), "json"));
        String registry = "nacos://" + nacos.serverAddr();
        gatewayPort = Ports.free();
        apps.add(node("C-base", "C", registry, null, TRIPLE, null));
        apps.add(node("C-gray", "C", registry, "gray", TRIPLE, null));
        apps.add(node("B-base", "B", registry, null, TRIPLE, null));
        apps.add(node("A-base", "A", registry, null, TRIPLE, null));
        apps.add(node("A-gray", "A", registry, "gray", TRIPLE, null));
        apps.add(AppProcess.start("gateway", GatewayApp.class, List.of(
                        "app=gateway",
                        "rules.nacos.serverAddr=" + nacos.serverAddr(),
                        "rules.nacos.dataId=" + DATA_ID),
                String.valueOf(gatewayPort), registry));
        for (AppProcess p : apps) {
            p.awaitReady(Duration.ofSeconds(120));
        }
        awaitPath(DubboChainE2ETest.GRAY_PATH, "tester");
        awaitPath(DubboChainE2ETest.BASE_PATH, "someone");
    }

    @AfterAll
    void stopChain() {
        stopApps();
        nacos.removeConfig(DATA_ID, NacosServer.DEFAULT_GROUP);
    }

    @Test
    void grayAndBaselineRequestsTakeTheirPathsOverTriple() throws Exception {
        Map<String, Integer> paths = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            paths.merge(call(i % 3 == 0 ? "tester" : "user-" + i, null), 1, Integer::sum);
        }
        assertEquals(Map.of(DubboChainE2ETest.GRAY_PATH, 100, DubboChainE2ETest.BASE_PATH, 200), paths);
    }

    @Test
    void asyncTripleCallAndItsContinuationKeepTheLane() throws Exception {
        Map<String, Integer> seen = asyncPaths();
        System.out.println("async Triple calls: " + seen);
        assertSomeGrayContinuationRanOnADubboThread(seen);
    }
}
