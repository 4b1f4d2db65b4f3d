package io.graylane.e2e.dubbo;

import io.graylane.e2e.dubbo.apps.ChainNode;
import io.graylane.e2e.dubbo.apps.GatewayApp;
import io.graylane.testkit.Await;
import io.graylane.testkit.NacosServer;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gateway (Spring Boot 3, jakarta) → A → B → C over Dubbo with Nacos as registry and rule source. Instances: A-base,
 * A-gray, B-base, C-base, C-gray (no B-gray: the gray hop at B must fall back to baseline and the lane must still
 * reach C). One set of JVMs for the whole class; the destructive cases (C-gray killed, rules turned off) run last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DubboChainE2ETest extends ChainSupport {
    static final String GRAY_PATH = "gw[gray]>A-gray[gray]>B-base[gray]>C-gray[gray]";
    static final String BASE_PATH = "gw[-]>A-base[-]>B-base[-]>C-base[-]";
    static final String DATA_ID = "e2e-dubbo-rules-" + System.currentTimeMillis() + ".json";
    static final String HMAC_SECRET = "e2e-secret-0123456789";

    static String rules(boolean grayEnabled) {
        return "{\"version\":\"e2e-" + grayEnabled + "\",\"lanes\":{\"gray\":{\"priority\":10,\"enabled\":" + grayEnabled
                + ",\"rules\":[{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"x-user\",\"predicate\":\"IN\","
                + "\"objects\":[\"tester\"]}]}]}}}";
    }

    NacosServer nacos;
    AppProcess cGray;
    AppProcess aGray;
    int gatewayAdmin;
    int aGrayAdmin;

    @BeforeAll
    void startChain() throws Exception {
        long t0 = System.nanoTime();
        nacos = Testkit.sharedNacos();
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, rules(true), "json"));
        String registry = "nacos://" + nacos.serverAddr();
        gatewayPort = Ports.free();
        gatewayAdmin = Ports.free();
        aGrayAdmin = Ports.free();
        apps.add(node("C-base", "C", registry, null));
        cGray = node("C-gray", "C", registry, "gray");
        apps.add(cGray);
        apps.add(node("B-base", "B", registry, null));
        apps.add(node("A-base", "A", registry, null));
        aGray = node("A-gray", "A", registry, "gray", "admin.port=" + aGrayAdmin);
        apps.add(aGray);
        apps.add(AppProcess.start("gateway", GatewayApp.class, List.of(
                        "app=gateway",
                        "rules.nacos.serverAddr=" + nacos.serverAddr(),
                        "rules.nacos.dataId=" + DATA_ID,
                        "ingress.response-header=x-graylane-served-lane",
                        "ingress.hmac-secret=" + HMAC_SECRET,
                        // the name the tests call the gateway by: signatures are made for it
                        "ingress.audience=127.0.0.1",
                        "admin.port=" + gatewayAdmin),
                String.valueOf(gatewayPort), registry));
        for (AppProcess p : apps) {
            p.awaitReady(Duration.ofSeconds(120));
        }
        double ready = (System.nanoTime() - t0) / 1e9;
        // the registry must have told every consumer about every provider: both paths complete
        awaitPath(GRAY_PATH, "tester");
        awaitPath(BASE_PATH, "someone");
        System.out.printf("chain: JVMs ready %.1f s, routes complete %.1f s after start%n", ready,
                (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stopChain() {
        stopApps();
        nacos.removeConfig(DATA_ID, NacosServer.DEFAULT_GROUP);
    }

    @Test
    @Order(1)
    void grayRequestRunsGrayBaseGray() throws Exception {
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = get("/call?id=" + i, "tester", null);
            assertEquals(GRAY_PATH, r.body());
            assertEquals("gray", r.headers().firstValue("x-graylane-served-lane").orElse(null));
        }
        // async servlet (Spring MVC Callable: another thread, then a re-dispatch): same path
        for (int i = 0; i < 20; i++) {
            assertEquals("gw-async[gray]>A-gray[gray]>B-base[gray]>C-gray[gray]", get("/async?id=" + i, "tester", null).body());
        }
        // A-gray called B with lane gray; B has no gray instance: counted as a fallback hop
        assertTrue(metric(aGrayAdmin, "graylane_dubbo_fallback_total{lane=\"gray\"}") >= 120);
        assertTrue(metric(gatewayAdmin, "graylane_ingress_requests_total{lane=\"gray\",reason=\"rule\"}") >= 120);
    }

    @Test
    @Order(1)
    void asyncDubboCallAndItsContinuationKeepTheLane() throws Exception {
        Map<String, Integer> seen = asyncPaths();
        System.out.println("async calls: " + seen);
        assertSomeGrayContinuationRanOnADubboThread(seen);
    }

    @Test
    @Order(2)
    void untaggedRequestsNeverTouchGray() throws Exception {
        Map<String, Integer> paths = new TreeMap<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            String body = call(i % 2 == 0 ? null : "user-" + i, null);
            paths.merge(body, 1, Integer::sum);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("1000 untagged requests in %.2f s: %s%n", s, paths);
        assertEquals(Map.of(BASE_PATH, 1000), paths);
    }

    @Test
    @Order(2)
    void grayNodeCallsDownstreamUntaggedForUntaggedWork() throws Exception {
        // an untagged call straight into A-gray (no registry, no routing): A-gray's own consumer side carries no tag,
        // so its calls go to baseline instances although C-gray exists
        for (int i = 0; i < 100; i++) {
            assertEquals("gw[-]>A-gray[-]>B-base[-]>C-base[-]", get("/direct?port=" + aGray.dubboPort, null, null).body());
        }
    }

    @Test
    @Order(3)
    void forgedLaneHeaderIsIgnored() throws Exception {
        long before = metric(gatewayAdmin, "graylane_ingress_forged_lane_total");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = get("/call?id=" + i, "user-" + i, Map.of("x-graylane-lane", "gray"));
            assertEquals(BASE_PATH, r.body());
            assertEquals("baseline", r.headers().firstValue("x-graylane-served-lane").orElse(null));
        }
        assertEquals(before + 200, metric(gatewayAdmin, "graylane_ingress_forged_lane_total"));
        // a bad signature is a forgery too; a valid HMAC signature (for this node, GET /call) makes the header trusted
        long now = System.currentTimeMillis() / 1000;
        assertEquals(BASE_PATH, call("user-x", Map.of("x-graylane-lane", "gray",
                "x-graylane-lane-signature", "v2:" + now + ":" + "00".repeat(32) + ":127.0.0.1")));
        assertEquals(GRAY_PATH, call("user-x", Map.of("x-graylane-lane", "gray",
                "x-graylane-lane-signature", hmac(HMAC_SECRET, "gray", "127.0.0.1", now))));
        // a signature for another lane or another host (a third party's) does not carry over
        assertEquals(BASE_PATH, call("user-x", Map.of("x-graylane-lane", "gray",
                "x-graylane-lane-signature", hmac(HMAC_SECRET, "blue", "127.0.0.1", now))));
        assertEquals(BASE_PATH, call("user-x", Map.of("x-graylane-lane", "gray",
                "x-graylane-lane-signature", hmac(HMAC_SECRET, "gray", "api.thirdparty.example", now))));
    }

    /** The v2 lane signature (docs/ingress.md) for {@code GET /call} sent to {@code audience}. */
    static String hmac(String secret, String lane, String audience, long epochSeconds) throws Exception {
        javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
        m.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(), "HmacSHA256"));
        String canonical = "graylane-lane-v2\n" + lane + "\n" + audience + "\nGET\n/call\n" + epochSeconds;
        return "v2:" + epochSeconds + ":" + java.util.HexFormat.of().formatHex(m.doFinal(canonical.getBytes()))
                + ":" + audience;
    }

    @Test
    @Order(4)
    void grayInstanceKilledFallsBackToBaseline() throws Exception {
        String fallbackPath = "gw[gray]>A-gray[gray]>B-base[gray]>C-base[gray]";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        List<String> errors = new ArrayList<>();
        Thread driver = new Thread(() -> {
            while (!stop.get()) {
                String body = callQuietly("tester", null);
                if (GRAY_PATH.equals(body) || fallbackPath.equals(body)) {
                    seen.merge(body, 1, Integer::sum);
                } else {
                    failures.incrementAndGet();
                    synchronized (errors) {
                        errors.add(body);
                    }
                }
            }
        });
        driver.start();
        Await.until("gray traffic flowing", Duration.ofSeconds(10), () -> seen.getOrDefault(GRAY_PATH, 0) >= 20);
        long killed = System.nanoTime();
        cGray.kill();
        Await.until("gray traffic on C-base", Duration.ofSeconds(30), () -> seen.getOrDefault(fallbackPath, 0) >= 50);
        double recovered = (System.nanoTime() - killed) / 1e9;
        stop.set(true);
        driver.join(30_000);
        System.out.printf("C-gray killed: 50 fallback calls %.2f s after the kill; seen %s; failures %d %s%n",
                recovered, seen, failures.get(), errors);
        assertEquals(0, failures.get(), () -> "failed requests: " + errors);
        // untagged traffic is unaffected
        assertEquals(BASE_PATH, call("someone", null));
    }

    @Test
    @Order(5)
    void laneTurnedOffInNacosSendsItsUsersBackToBaseline() throws Exception {
        String before = call("tester", null);
        assertTrue(before.startsWith("gw[gray]>A-gray[gray]"), before);
        long t0 = System.nanoTime();
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, rules(false), "json"));
        long published = System.nanoTime();
        Await.until("tester back on baseline", Duration.ofSeconds(10), () -> BASE_PATH.equals(callQuietly("tester", null)));
        double fromPublish = (System.nanoTime() - published) / 1e9;
        double fromStart = (System.nanoTime() - t0) / 1e9;
        // the push-to-effect time is measured and printed, not asserted (no wall-clock limits in functional tests)
        System.out.printf("lane off: baseline %.3f s after the publish returned (%.3f s incl. the publish)%n",
                fromPublish, fromStart);
        for (int i = 0; i < 50; i++) {
            assertEquals(BASE_PATH, call("tester", null));
        }
    }
}
