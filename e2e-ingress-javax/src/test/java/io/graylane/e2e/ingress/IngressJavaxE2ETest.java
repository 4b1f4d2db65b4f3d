package io.graylane.e2e.ingress;

import io.graylane.e2e.ingress.app.IngressApp;
import io.graylane.testkit.Await;
import io.graylane.testkit.Ports;
import io.graylane.testkit.app.AppJvm;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servlet ingress on Spring Boot 2.7 / Tomcat 9 (javax.servlet), two app JVMs sharing one rules file:
 * <ul>
 *   <li>{@code base}: a baseline node, no trusted callers (the default), an HMAC secret for signed lane headers;</li>
 *   <li>{@code grayNode}: lane gray with {@code color-by-node=true}, 127.0.0.1 trusted, client IP from
 *   X-Forwarded-For.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngressJavaxE2ETest {
    static final String RULES = "{\"version\":\"ingress-1\",\"lanes\":{"
            + "\"canary\":{\"priority\":5,\"rules\":[{\"conditions\":[{\"type\":\"SEGMENT\",\"subject\":\"clientIp\","
            + "\"predicate\":\"IN\",\"objects\":[\"10.9.0.0/16\"]}]}]},"
            + "\"gray\":{\"priority\":10,\"rules\":["
            + "{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"x-user\",\"predicate\":\"IN\",\"objects\":[\"tester\"]}]},"
            + "{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"cookie.uid\",\"predicate\":\"IN\",\"objects\":[\"c-1\"]}]},"
            + "{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"query.beta\",\"predicate\":\"IN\",\"objects\":[\"1\"]}]}"
            + "]}}}";

    static final String HMAC_SECRET = "ingress-e2e-secret-0123";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<AppJvm> apps = new ArrayList<>();
    int base;
    int baseAdmin;
    int grayNode;
    int grayAdmin;

    @BeforeAll
    void start() throws Exception {
        long t0 = System.nanoTime();
        Path work = Paths.get(System.getProperty("graylane.e2e.work", "target/e2e-work")).toAbsolutePath();
        Files.createDirectories(work);
        Path rules = work.resolve("rules.json");
        Files.writeString(rules, RULES);
        base = Ports.free();
        grayNode = Ports.free();
        AppJvm baseApp = launch("base", base, "rules.file=" + rules,
                "ingress.response-header=x-graylane-served-lane", "ingress.hmac-secret=" + HMAC_SECRET,
                "ingress.audience=127.0.0.1");
        AppJvm grayApp = launch("gray-node", grayNode, "rules.file=" + rules,
                "lane=gray", "color-by-node=true", "ingress.trusted-cidrs=127.0.0.1/32",
                "ingress.client-ip-header=X-Forwarded-For", "ingress.response-header=x-graylane-served-lane");
        baseAdmin = baseApp.adminPort();
        grayAdmin = grayApp.adminPort();
        for (AppJvm app : apps) {
            app.awaitReady(Duration.ofSeconds(90));
            app.assertListensOnLoopbackOnly();
        }
        // the rules file is read asynchronously at start: wait until the rules are in force
        Await.until("rules applied", Duration.ofSeconds(30), () -> {
            try {
                return "gray".equals(get(base, "/lane", Map.of("x-user", "tester")).body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("ingress apps ready %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stop() {
        for (AppJvm app : apps) {
            app.close();
        }
    }

    @Test
    void rulesColorRequestsByHeaderCookieQuery() throws Exception {
        HttpResponse<String> r = get(base, "/lane", Map.of("x-user", "tester"));
        assertEquals("gray", r.body());
        assertEquals("gray", r.headers().firstValue("x-graylane-served-lane").orElse(null));
        assertEquals("gray", r.headers().firstValue("x-filter-lane").orElse(null), "servlet filters run in the lane");
        assertEquals("gray", get(base, "/lane", Map.of("Cookie", "a=b; uid=c-1")).body());
        assertEquals("gray", get(base, "/lane?x=1&beta=1", Map.of()).body());
        HttpResponse<String> none = get(base, "/lane?beta=2", Map.of("x-user", "other", "Cookie", "uid=c-2"));
        assertEquals("-", none.body());
        assertEquals("baseline", none.headers().firstValue("x-graylane-served-lane").orElse(null));
        assertEquals("-", none.headers().firstValue("x-filter-lane").orElse(null));
    }

    @Test
    void asyncRequestKeepsTheLaneOnTheWorkerThreadAndTheRedispatch() throws Exception {
        HttpResponse<String> gray = get(base, "/async", Map.of("x-user", "tester"));
        String body = gray.body();
        // "<lane in controller>/<worker thread>/<lane on the worker>"
        assertTrue(body.startsWith("gray/") && body.endsWith("/gray") && !body.contains("http-nio"), body);
        // the container's re-dispatch that writes the Callable's result runs in the request's lane
        assertEquals("gray", gray.headers().firstValue("x-redispatch-lane").orElse("<no async dispatch seen>"));
        HttpResponse<String> unlaned = get(base, "/async", Map.of());
        assertTrue(unlaned.body().startsWith("-/") && unlaned.body().endsWith("/-"), unlaned.body());
        assertEquals("-", unlaned.headers().firstValue("x-redispatch-lane").orElse("<no async dispatch seen>"));
        // requests after an async one on the same Tomcat threads are not left in its lane
        for (int i = 0; i < 20; i++) {
            assertEquals("-", get(base, "/lane", Map.of()).body());
        }
    }

    @Test
    void forgedLaneHeaderFromUntrustedCallerIsIgnoredAndCounted() throws Exception {
        long before = metric(baseAdmin, "graylane_ingress_forged_lane_total");
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = get(base, "/lane", Map.of("x-graylane-lane", "gray"));
            assertEquals("-", r.body());
            assertEquals("baseline", r.headers().firstValue("x-graylane-served-lane").orElse(null));
        }
        assertEquals(before + 100, metric(baseAdmin, "graylane_ingress_forged_lane_total"));
        // X-Forwarded-For from an untrusted peer is ignored too: no canary by spoofed client IP
        assertEquals("-", get(base, "/lane", Map.of("X-Forwarded-For", "10.9.1.1")).body());
    }

    @Test
    void grayNodeColorsUnlaneRequestsTrustsItsCallersAndPrefersRules() throws Exception {
        assertEquals("gray", get(grayNode, "/lane", Map.of()).body());
        assertTrue(metric(grayAdmin, "graylane_ingress_requests_total{lane=\"gray\",reason=\"node\"}") >= 1);
        // trusted caller (127.0.0.1/32): its lane header is believed, also for a lane the node is not in
        assertEquals("blue", get(grayNode, "/lane", Map.of("x-graylane-lane", "blue")).body());
        // 'blue' is named neither by this node's rules nor as its lane: counted under the bounded label 'other'
        assertTrue(metric(grayAdmin, "graylane_ingress_requests_total{lane=\"other\",reason=\"trusted-header\"}") >= 1);
        // client IP from X-Forwarded-For (trusted peer): the canary rule wins over node coloring
        assertEquals("canary", get(grayNode, "/lane", Map.of("X-Forwarded-For", "10.9.1.1, 127.0.0.1")).body());
        // a header value that is not a lane name is not used
        assertEquals("gray", get(grayNode, "/lane", Map.of("x-graylane-lane", "no such lane!")).body());
        assertTrue(metric(grayAdmin, "graylane_ingress_invalid_lane_total") >= 1);
    }

    @Test
    void outboundHttpCallsCarryTheLaneToTheNextHop() throws Exception {
        // grayNode trusts 127.0.0.1: a request it serves in lane canary calls grayNode again over HTTP; the inner
        // request is canary only if the lane header went out (without it, node coloring would make it gray)
        Map<String, String> canary = Map.of("X-Forwarded-For", "10.9.1.1, 127.0.0.1");
        for (String via : List.of("jdk", "rest")) {
            assertEquals("canary", get(grayNode, "/relay?via=" + via + "&port=" + grayNode, canary).body(), via);
            // a lane header the application set itself (e.g. copied from its request) is replaced by the lane
            assertEquals("canary", get(grayNode, "/relay?via=" + via + "&lane=blue&port=" + grayNode, canary).body(), via);
        }
        // Apache HttpClient 4 and 5: one request object sent twice carries the lane both times, and the lane header
        // goes on the per-execution copy, never on the application's object (it could be sent again on baseline)
        for (String via : List.of("hc4", "hc5")) {
            assertEquals("canary,canary,clean", get(grayNode, "/relay?via=" + via + "&port=" + grayNode, canary).body(), via);
            // the application's own header is replaced on the copy sent (it stays on its own request object)
            assertEquals("canary,canary,header-on-request",
                    get(grayNode, "/relay?via=" + via + "&lane=blue&port=" + grayNode, canary).body(), via);
            assertEquals("gray,gray,clean", get(base, "/relay?via=" + via + "&port=" + base, Map.of("x-user", "tester")).body(), via);
            assertEquals("-,-,clean", get(base, "/relay?via=" + via + "&port=" + base, Map.of()).body(), via);
        }
        // base trusts no address but has the HMAC secret: its own outbound lane header is signed, so it is believed
        long sentBefore = metric(baseAdmin, "graylane_http_client_lane_sent_total");
        long forgedBefore = metric(baseAdmin, "graylane_ingress_forged_lane_total");
        for (String via : List.of("jdk", "rest")) {
            assertEquals("gray", get(base, "/relay?via=" + via + "&port=" + base, Map.of("x-user", "tester")).body(), via);
            // baseline work sends no header
            assertEquals("-", get(base, "/relay?via=" + via + "&port=" + base, Map.of()).body(), via);
        }
        assertEquals(sentBefore + 2, metric(baseAdmin, "graylane_http_client_lane_sent_total"));
        assertEquals(forgedBefore, metric(baseAdmin, "graylane_ingress_forged_lane_total"));
        // on baseline the application's own header is removed: nothing reaches base to believe or count
        assertEquals("-", get(base, "/relay?lane=gray&port=" + base, Map.of()).body());
        assertEquals(forgedBefore, metric(baseAdmin, "graylane_ingress_forged_lane_total"));
    }

    @Test
    void aForgedLaneCopiedOntoAnOutboundCallIsNotLaunderedToANodeThatTrustsTheCaller() throws Exception {
        // base ignores the forged lane (untrusted peer); its application copies it onto its call to grayNode, which
        // trusts base's address: the lane header must be base's decision (baseline: none), so grayNode colors the
        // inner request by node (gray), not blue
        for (String via : List.of("jdk", "rest", "hc4", "hc5")) {
            String inner = get(base, "/relay?via=" + via + "&lane=blue&port=" + grayNode, Map.of("x-graylane-lane", "blue"))
                    .body();
            assertEquals("gray", inner.split(",")[0], via + ": " + inner);
        }
    }

    HttpResponse<String> get(int port, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    long metric(int adminPort, String series) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(series + " "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    AppJvm launch(String name, int port, String... graylane) throws Exception {
        AppJvm app = AppJvm.builder(name, IngressApp.class).heap("128m").graylane(List.of(graylane))
                .expectVersion("spring-boot", System.getProperty("graylane.e2e.expect.spring-boot"))
                .args(String.valueOf(port)).start();
        apps.add(app);
        return app;
    }
}
