package io.graylane.e2e.hoxton;

import io.graylane.e2e.hoxton.apps.gateway.ZuulGateway;
import io.graylane.e2e.hoxton.apps.node.RibbonNode;
import io.graylane.testkit.Await;
import io.graylane.testkit.NacosServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import io.graylane.testkit.app.AppJvm;
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
 * Ribbon on Spring Boot 2.3 / Spring Cloud Hoxton with real Nacos discovery (Spring Cloud Alibaba 2.2): a Zuul gateway
 * routes {@code /a/**} to A through Ribbon, A calls C through Ribbon with a {@code @LoadBalanced RestTemplate} on
 * {@code /chain} and with OpenFeign on {@code /chain-feign}. Instances A-base, A-gray, C-base, C-gray, every JVM with
 * the agent (gray ones {@code lane=gray}); the gateway colors requests by rules from Nacos ({@code x-user: tester} →
 * gray), A and C trust the lane header from loopback. Gray and baseline requests interleaved in random order, exact
 * counts; every application must have loaded the Spring Boot, Spring Cloud Commons and Ribbon versions the pom names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RibbonLanesE2ETest {
    static final List<String> LIBRARIES = List.of("spring-boot", "spring-cloud-commons", "ribbon");
    static final String GRAY_PATH = "A-gray>C-gray";
    static final String BASE_PATH = "A-base>C-base";
    static final String GRAY = "lane=\"gray\"";
    static final String DATA_ID = "e2e-hoxton-rules-" + System.currentTimeMillis() + ".json";

    final List<AppJvm> apps = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    NacosServer nacos;
    AppJvm gateway;
    AppJvm aGray;
    AppJvm cGray;
    int gatewayPort;
    long t0;

    static String rules() {
        return "{\"version\":\"hoxton-1\",\"lanes\":{\"gray\":{\"priority\":10,\"enabled\":true,"
                + "\"rules\":[{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"x-user\",\"predicate\":\"IN\","
                + "\"objects\":[\"tester\"]}]}]}}}";
    }

    AppJvm start(String name, Class<?> main, String app, List<String> graylane, String... args) throws Exception {
        List<String> g = new ArrayList<>(List.of("app=" + app, "ingress.trusted-cidrs=127.0.0.1/32"));
        g.addAll(graylane);
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--spring.application.name=" + app, "--server.address=127.0.0.1",
                "--spring.cloud.nacos.discovery.server-addr=" + nacos.serverAddr(),
                "--spring.cloud.nacos.discovery.ip=127.0.0.1",
                // Ribbon re-reads the Nacos client's instances every second (default 30 s)
                "--ribbon.ServerListRefreshInterval=1000",
                "--ribbon.ConnectTimeout=3000", "--ribbon.ReadTimeout=10000",
                "--spring.main.banner-mode=off"));
        var b = AppJvm.builder(name, main).jvmArgs("-Djava.net.preferIPv4Stack=true").args(a.toArray(String[]::new))
                .graylane(g);
        for (String library : LIBRARIES) {
            b.expectVersion(library, System.getProperty("graylane.e2e.expect." + library));
        }
        AppJvm jvm = b.start();
        apps.add(jvm);
        return jvm;
    }

    AppJvm node(String instance, String role, String lane) throws Exception {
        return start(instance, RibbonNode.class, "svc-" + role.toLowerCase(),
                lane == null ? List.of() : List.of("lane=" + lane),
                "--role=" + role, "--instance=" + instance, "--server.port=" + Ports.free());
    }

    @BeforeAll
    void startApps() throws Exception {
        t0 = System.nanoTime();
        nacos = Testkit.sharedNacos();
        assertTrue(nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, rules(), "json"));
        node("C-base", "C", null);
        cGray = node("C-gray", "C", "gray");
        node("A-base", "A", null);
        aGray = node("A-gray", "A", "gray");
        gatewayPort = Ports.free();
        gateway = start("gateway", ZuulGateway.class, "svc-gateway",
                List.of("rules.nacos.serverAddr=" + nacos.serverAddr(), "rules.nacos.dataId=" + DATA_ID),
                "--server.port=" + gatewayPort, "--zuul.ignored-services=*",
                "--zuul.routes.a.path=/a/**", "--zuul.routes.a.service-id=svc-a");
        for (AppJvm p : apps) {
            p.awaitReady(Duration.ofSeconds(180));
            p.assertListensOnLoopbackOnly();
        }
        // discovery must have told the gateway and A about every instance: both paths seen
        awaitPath("/chain", GRAY_PATH, "tester");
        awaitPath("/chain", BASE_PATH, "someone");
        awaitPath("/chain-feign", GRAY_PATH, "tester");
        System.out.printf("hoxton: 5 apps ready and both paths seen %.1f s after start%n", seconds());
    }

    @AfterAll
    void stopApps() {
        for (AppJvm p : apps) {
            p.close();
        }
        if (nacos != null) {
            nacos.removeConfig(DATA_ID, NacosServer.DEFAULT_GROUP);
        }
        System.out.printf("hoxton: done %.1f s after start%n", seconds());
    }

    @Test
    @Order(1)
    void throughZuulAndARestTemplateGrayRequestsTakeTheGrayInstancesAndBaselineRequestsNeverDo() throws Exception {
        long gatewayRouted = gateway.metric("graylane_http_routed_total", GRAY);
        long aRouted = aGray.metric("graylane_http_routed_total", GRAY);
        Map<String, Map<String, Integer>> paths = drive("/chain", 100, 300, 20261201);
        assertEquals(Map.of(GRAY_PATH, 100), paths.get("gray"), "every gray request on A-gray > C-gray");
        assertEquals(Map.of(BASE_PATH, 300), paths.get("base"), "no baseline request touches a gray instance");
        assertEquals(100, gateway.metric("graylane_http_routed_total", GRAY) - gatewayRouted,
                "the gateway's Ribbon choices counted as routed to the lane");
        assertEquals(100, aGray.metric("graylane_http_routed_total", GRAY) - aRouted,
                "A-gray's Ribbon choices counted as routed to the lane");
    }

    @Test
    @Order(2)
    void throughZuulAndOpenFeignGrayRequestsTakeTheGrayInstancesAndBaselineRequestsNeverDo() throws Exception {
        Map<String, Map<String, Integer>> paths = drive("/chain-feign", 100, 100, 7);
        assertEquals(Map.of(GRAY_PATH, 100), paths.get("gray"), "every gray request on A-gray > C-gray");
        assertEquals(Map.of(BASE_PATH, 100), paths.get("base"), "no baseline request touches a gray instance");
    }

    @Test
    @Order(3)
    void withTheGrayInstanceOfCStoppedGrayRequestsFallBackToItsBaselineWithoutFailures() throws Exception {
        long stop = System.nanoTime();
        System.out.printf("hoxton: C-gray stopped (SIGTERM), exit %d%n", cGray.terminate(Duration.ofSeconds(60)));
        // Nacos drops the deregistered instance and A-gray's Ribbon list follows; from then on no gray request may fail
        awaitPath("/chain", "A-gray>C-base", "tester");
        System.out.printf("hoxton: gray requests on C-base %d ms after C-gray's SIGTERM%n",
                (System.nanoTime() - stop) / 1_000_000);
        long fallback = aGray.metric("graylane_http_fallback_total", GRAY);
        Map<String, Map<String, Integer>> paths = drive("/chain", 100, 100, 11);
        assertEquals(Map.of("A-gray>C-base", 100), paths.get("gray"), "gray requests on A-gray > C-base");
        assertEquals(Map.of(BASE_PATH, 100), paths.get("base"), "baseline requests unchanged");
        assertEquals(100, aGray.metric("graylane_http_fallback_total", GRAY) - fallback,
                "A-gray's Ribbon choices counted as fallback to baseline");
    }

    /** {@code gray} requests of the tester and {@code base} of other users, shuffled; every one must answer 200. */
    Map<String, Map<String, Integer>> drive(String path, int gray, int base, long seed) throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < gray; i++) {
            users.add("tester");
        }
        for (int i = 0; i < base; i++) {
            users.add("user-" + i);
        }
        Collections.shuffle(users, new Random(seed));
        Map<String, Integer> grayPaths = new TreeMap<>();
        Map<String, Integer> basePaths = new TreeMap<>();
        long start = System.nanoTime();
        for (String u : users) {
            HttpResponse<String> r = get(path, u);
            assertEquals(200, r.statusCode(), () -> "request of " + u + " failed: " + r.body());
            (u.equals("tester") ? grayPaths : basePaths).merge(r.body(), 1, Integer::sum);
        }
        System.out.printf("hoxton: %d requests on %s in %d ms%n", users.size(), path,
                (System.nanoTime() - start) / 1_000_000);
        return Map.of("gray", grayPaths, "base", basePaths);
    }

    HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/a" + path))
                .header("x-user", user).timeout(Duration.ofSeconds(30)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    void awaitPath(String path, String expected, String user) {
        Await.until(user + "'s requests on " + expected + " over " + path, Duration.ofSeconds(90), () -> {
            try {
                HttpResponse<String> r = get(path, user);
                return r.statusCode() == 200 && expected.equals(r.body());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
