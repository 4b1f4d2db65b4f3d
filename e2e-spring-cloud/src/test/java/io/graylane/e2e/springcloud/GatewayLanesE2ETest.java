package io.graylane.e2e.springcloud;

import io.graylane.e2e.springcloud.apps.ChainNode;
import io.graylane.e2e.springcloud.gateway.GatewayNode;
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
 * Spring Cloud Gateway (WebFlux on Reactor Netty, route {@code lb://svc-a}) → A → B → C with real Nacos discovery: A
 * calls B with a {@code @LoadBalanced RestTemplate} (on {@code /chain-wc} with a {@code @LoadBalanced WebClient}), B
 * calls C with OpenFeign. Instances gateway, A-base, A-gray,
 * B-base, C-base, C-gray, each in its own JVM with the agent (gray ones {@code lane=gray}). The gateway colors requests
 * by rules from Nacos ({@code x-user: tester} → gray); no node trusts any address: every hop believes only a lane
 * header signed with the shared {@code hmac-secret}, which the gateway and the HTTP clients add. The test client is
 * untrusted: a lane header it sends the gateway is ignored and counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayLanesE2ETest {
    static final String GRAY_PATH = "A-gray>B-base>C-gray";
    static final String BASE_PATH = "A-base>B-base>C-base";
    static final String DATA_ID = "e2e-gateway-rules-" + System.currentTimeMillis() + ".json";
    static final String SECRET = "e2e-gateway-lane-secret-0123456789";
    /** The servlet stack Spring Boot would otherwise prefer over WebFlux; Spring Cloud Gateway refuses Spring MVC. */
    static final List<String> SERVLET_STACK = List.of("spring-webmvc-", "spring-boot-starter-web-",
            "spring-boot-starter-tomcat-", "tomcat-embed-core-", "tomcat-embed-websocket-");

    final List<AppProcess> apps = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    NacosServer nacos;
    int gatewayPort;
    int gatewayAdmin;

    AppProcess node(String instance, String role, String lane) throws Exception {
        List<String> g = new ArrayList<>(List.of("app=svc-" + role.toLowerCase(), "ingress.hmac-secret=" + SECRET));
        if (lane != null) {
            g.add("lane=" + lane);
        }
        return AppProcess.start(instance, ChainNode.class, g,
                "--role=" + role, "--instance=" + instance,
                "--spring.application.name=svc-" + role.toLowerCase(),
                "--server.port=" + Ports.free(), "--server.address=127.0.0.1",
                "--spring.cloud.nacos.discovery.server-addr=" + nacos.serverAddr(),
                "--spring.cloud.nacos.discovery.ip=127.0.0.1",
                "--spring.cloud.loadbalancer.cache.enabled=false",
                "--spring.main.banner-mode=off",
                "--spring.cloud.gateway.enabled=false");
    }

    @BeforeAll
    void startChain() throws Exception {
        nacos = Testkit.sharedNacos();
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, SpringCloudLanesE2ETest.rules(true), "json"));
        apps.add(node("C-base", "C", null));
        apps.add(node("C-gray", "C", "gray"));
        apps.add(node("B-base", "B", null));
        apps.add(node("A-base", "A", null));
        apps.add(node("A-gray", "A", "gray"));
        gatewayPort = Ports.free();
        gatewayAdmin = Ports.free();
        apps.add(AppProcess.start("gateway", GatewayNode.class, List.of("app=gateway",
                        "ingress.hmac-secret=" + SECRET, "admin.port=" + gatewayAdmin,
                        "rules.nacos.serverAddr=" + nacos.serverAddr(), "rules.nacos.dataId=" + DATA_ID),
                List.of(), SERVLET_STACK,
                "--spring.application.name=gateway",
                "--server.port=" + gatewayPort, "--server.address=127.0.0.1",
                "--spring.main.web-application-type=reactive",
                "--spring.cloud.nacos.discovery.server-addr=" + nacos.serverAddr(),
                "--spring.cloud.nacos.discovery.ip=127.0.0.1",
                "--spring.cloud.loadbalancer.cache.enabled=false",
                "--spring.cloud.gateway.routes[0].id=svc-a",
                "--spring.cloud.gateway.routes[0].uri=lb://svc-a",
                "--spring.cloud.gateway.routes[0].predicates[0]=Path=/chain,/chain-wc",
                "--spring.main.banner-mode=off"));
        for (AppProcess p : apps) {
            p.awaitReady(Duration.ofSeconds(240));
        }
        // discovery must have told the gateway, A and B about every instance: both paths seen
        awaitPath(GRAY_PATH, "tester", Duration.ofSeconds(90));
        awaitPath(BASE_PATH, "someone", Duration.ofSeconds(90));
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
    void grayRequestsTakeTheGrayInstancesFromTheGatewayOnAndBaselineRequestsNeverDo() throws Exception {
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
            HttpResponse<String> r = get(u, null);
            assertEquals(200, r.statusCode(), () -> "request of " + u + " failed: " + r.body());
            (u.equals("tester") ? grayPaths : basePaths).merge(r.body(), 1, Integer::sum);
        }
        assertEquals(Map.of(GRAY_PATH, 200), grayPaths, "every gray request on gateway > A-gray > B-base > C-gray");
        assertEquals(Map.of(BASE_PATH, 1000), basePaths, "no baseline request touches a gray instance");
    }

    @Test
    @Order(2)
    void overAWebClientHopFromAGrayRequestsKeepTheirLaneAndBaselineRequestsNeverTouchGray() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            users.add("tester");
            users.add("user-" + i);
        }
        Collections.shuffle(users, new Random(42));
        Map<String, Integer> grayPaths = new TreeMap<>();
        Map<String, Integer> basePaths = new TreeMap<>();
        for (String u : users) {
            HttpResponse<String> r = get(u, null, "/chain-wc");
            assertEquals(200, r.statusCode(), () -> "request of " + u + " failed: " + r.body());
            (u.equals("tester") ? grayPaths : basePaths).merge(r.body(), 1, Integer::sum);
        }
        assertEquals(Map.of(GRAY_PATH, 200), grayPaths, "A-gray's WebClient call carries the lane to B, B's to C-gray");
        assertEquals(Map.of(BASE_PATH, 200), basePaths, "no baseline request touches a gray instance");
    }

    @Test
    @Order(3)
    void aLaneHeaderForgedByAnUntrustedClientIsIgnoredAndCounted() throws Exception {
        long before = metric("graylane_ingress_forged_lane_total");
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = get("forger-" + i, "gray");
            assertEquals(200, r.statusCode(), r::body);
            assertEquals(BASE_PATH, r.body(), "a forged lane header must not take the request to gray");
        }
        assertEquals(before + 100, metric("graylane_ingress_forged_lane_total"));
    }

    @Test
    @Order(4)
    void turningTheLaneOffInNacosSendsGrayTrafficToBaseline() throws Exception {
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, SpringCloudLanesE2ETest.rules(false),
                "json"));
        awaitPath(BASE_PATH, "tester", Duration.ofSeconds(30));
        for (int i = 0; i < 50; i++) {
            assertEquals(BASE_PATH, get("tester", null).body());
        }
    }

    HttpResponse<String> get(String user, String laneHeader) throws Exception {
        return get(user, laneHeader, "/chain");
    }

    HttpResponse<String> get(String user, String laneHeader, String path) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .header("x-user", user).timeout(Duration.ofSeconds(20));
        if (laneHeader != null) {
            req.header("x-graylane-lane", laneHeader);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    long metric(String series) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatewayAdmin + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith(series + " ")).mapToLong(l -> Long.parseLong(l.substring(
                l.lastIndexOf(' ') + 1))).sum();
    }

    void awaitPath(String path, String user, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(user, null);
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
