package io.graylane.e2e.springcloud;

import io.graylane.e2e.springcloud.apps.ChainNode;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A → B → C over HTTP with real Nacos discovery: A calls B with a {@code @LoadBalanced RestTemplate}, B calls C with
 * OpenFeign (A also calls B with a {@code @LoadBalanced WebClient} on {@code /chain-wc}). Instances A-base, B-base, B-gray, C-base, C-gray, every one with the agent (gray ones {@code lane=gray});
 * A colors requests by rules from Nacos ({@code x-user: tester} → gray), later hops trust the lane header from
 * loopback. Gray and baseline requests are sent interleaved in random order, with exact counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringCloudLanesE2ETest {
    static final String GRAY_PATH = "A-base>B-gray>C-gray";
    static final String BASE_PATH = "A-base>B-base>C-base";
    static final String DATA_ID = "e2e-spring-cloud-rules-" + System.currentTimeMillis() + ".json";

    final List<AppProcess> apps = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    NacosServer nacos;
    AppProcess cGray;
    int aPort;

    static String rules(boolean grayEnabled) {
        return "{\"version\":\"sc-" + grayEnabled + "\",\"lanes\":{\"gray\":{\"priority\":10,\"enabled\":" + grayEnabled
                + ",\"rules\":[{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"x-user\",\"predicate\":\"IN\","
                + "\"objects\":[\"tester\"]}]}]}}}";
    }

    AppProcess node(String instance, String role, String lane, int port, String... graylane) throws Exception {
        List<String> g = new ArrayList<>(List.of("app=svc-" + role.toLowerCase(), "ingress.trusted-cidrs=127.0.0.1/32"));
        if (lane != null) {
            g.add("lane=" + lane);
        }
        g.addAll(List.of(graylane));
        return AppProcess.start(instance, ChainNode.class, g,
                "--role=" + role, "--instance=" + instance,
                "--spring.application.name=svc-" + role.toLowerCase(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.cloud.nacos.discovery.server-addr=" + nacos.serverAddr(),
                "--spring.cloud.nacos.discovery.ip=127.0.0.1",
                // every choice sees the registry's current instances (no 35 s instance cache)
                "--spring.cloud.loadbalancer.cache.enabled=false",
                "--spring.main.banner-mode=off",
                // Spring Cloud Gateway is on the test class path (GatewayLanesE2ETest); this servlet app is no gateway
                "--spring.cloud.gateway.enabled=false");
    }

    @BeforeAll
    void startChain() throws Exception {
        nacos = Testkit.sharedNacos();
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, rules(true), "json"));
        apps.add(node("C-base", "C", null, Ports.free()));
        cGray = node("C-gray", "C", "gray", Ports.free());
        apps.add(cGray);
        apps.add(node("B-base", "B", null, Ports.free()));
        apps.add(node("B-gray", "B", "gray", Ports.free()));
        aPort = Ports.free();
        apps.add(node("A-base", "A", null, aPort,
                "rules.nacos.serverAddr=" + nacos.serverAddr(), "rules.nacos.dataId=" + DATA_ID));
        for (AppProcess p : apps) {
            p.awaitReady(Duration.ofSeconds(180));
        }
        // discovery must have told A and B about every instance: both paths seen
        awaitPath(GRAY_PATH, "tester", Duration.ofSeconds(60));
        awaitPath(BASE_PATH, "someone", Duration.ofSeconds(60));
    }

    @AfterAll
    void stopChain() {
        for (AppProcess p : apps) {
            p.close();
        }
        if (nacos != null) {
            nacos.removeConfig(DATA_ID, NacosServer.DEFAULT_GROUP);
        }
    }

    @Test
    @Order(1)
    void grayRequestsTakeTheGrayInstancesAndBaselineRequestsNeverDo() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            users.add("tester");
        }
        for (int i = 0; i < 1000; i++) {
            users.add("user-" + i);
        }
        Collections.shuffle(users, new Random(20261130));
        Map<String, Integer> grayPaths = new TreeMap<>();
        Map<String, Integer> basePaths = new TreeMap<>();
        for (String u : users) {
            HttpResponse<String> r = get(u);
            assertEquals(200, r.statusCode(), () -> "request of " + u + " failed: " + r.body());
            (u.equals("tester") ? grayPaths : basePaths).merge(r.body(), 1, Integer::sum);
        }
        assertEquals(Map.of(GRAY_PATH, 200), grayPaths, "every gray request on A-base > B-gray > C-gray");
        assertEquals(Map.of(BASE_PATH, 1000), basePaths, "no baseline request touches a gray instance");
    }

    @Test
    @Order(2)
    void overALoadBalancedWebClientGrayRequestsTakeTheGrayInstancesAndBaselineRequestsNeverDo() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            users.add("tester");
            users.add("user-" + i);
        }
        Collections.shuffle(users, new Random(42));
        Map<String, Integer> grayPaths = new TreeMap<>();
        Map<String, Integer> basePaths = new TreeMap<>();
        for (String u : users) {
            HttpResponse<String> r = get(u, "/chain-wc");
            assertEquals(200, r.statusCode(), () -> "request of " + u + " failed: " + r.body());
            (u.equals("tester") ? grayPaths : basePaths).merge(r.body(), 1, Integer::sum);
        }
        assertEquals(Map.of(GRAY_PATH, 200), grayPaths, "every gray request on A-base > B-gray > C-gray");
        assertEquals(Map.of(BASE_PATH, 200), basePaths, "no baseline request touches a gray instance");
    }

    @Test
    @Order(3)
    void withTheGrayInstanceOfCGoneGrayRequestsFallBackToItsBaseline() throws Exception {
        cGray.kill();
        // the registry drops the killed instance; from then on, no gray request may fail
        awaitPath("A-base>B-gray>C-base", "tester", Duration.ofSeconds(60));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            users.add("tester");
            users.add("user-" + i);
        }
        Collections.shuffle(users, new Random(7));
        for (String u : users) {
            HttpResponse<String> r = get(u);
            assertEquals(200, r.statusCode(), () -> "request of " + u + " failed: " + r.body());
            assertEquals(u.equals("tester") ? "A-base>B-gray>C-base" : BASE_PATH, r.body());
        }
    }

    @Test
    @Order(4)
    void turningTheLaneOffInNacosSendsGrayTrafficToBaseline() throws Exception {
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, rules(false), "json"));
        long t0 = System.nanoTime();
        awaitPath(BASE_PATH, "tester", Duration.ofSeconds(30));
        System.out.printf("lane off: tester's requests on baseline %d ms after the publish%n",
                (System.nanoTime() - t0) / 1_000_000);
        for (int i = 0; i < 50; i++) {
            assertEquals(BASE_PATH, get("tester").body());
        }
    }

    HttpResponse<String> get(String user) throws Exception {
        return get(user, "/chain");
    }

    HttpResponse<String> get(String user, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + aPort + path))
                .header("x-user", user).timeout(Duration.ofSeconds(20)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    void awaitPath(String path, String user, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(user);
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && path.equals(r.body())) {
                    return;
                }
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("path " + path + " for " + user + " not seen within " + timeout + "; last: " + last);
    }
}
