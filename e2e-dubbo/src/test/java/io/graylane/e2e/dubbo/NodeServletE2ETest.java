package io.graylane.e2e.dubbo;

import io.graylane.e2e.dubbo.apps.GatewayApp;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node lifecycle on a Spring Boot 3 app (embedded Tomcat 10, jakarta.servlet) with the agent: while offline the
 * configured health path answers 503 and every other request is still served; a request in flight keeps the node
 * from being drained until it ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeServletE2ETest {
    static final String TOKEN = "servlet-node-token";
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    AppProcess gateway;
    int port;
    int admin;

    @BeforeAll
    void start() throws Exception {
        port = Ports.free();
        admin = Ports.free();
        gateway = AppProcess.start("gateway-node", GatewayApp.class, List.of("app=gateway-node",
                        "admin.port=" + admin, "admin.token=" + TOKEN, "node.health-path=/health"),
                List.of(), String.valueOf(port), "zookeeper://" + Testkit.sharedZooKeeper().connectString());
        gateway.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    HttpResponse<String> app(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> node(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void offlineAnswersTheHealthPath503ServesEverythingElseAndDrainsOnlyAfterTheRequestInFlight() throws Exception {
        assertEquals(200, app("/slow?ms=0").statusCode());
        int onlineHealth = app("/health").statusCode();
        assertTrue(onlineHealth != 503, "online, /health is the application's: " + onlineHealth);

        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/slow?ms=4000")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Await.until("the slow request in flight", Duration.ofSeconds(20),
                () -> bodyQuietly("/node").contains("{\"name\":\"servlet\",\"inFlight\":1,"));

        HttpResponse<String> off = node("POST", "/node/offline");
        assertEquals(200, off.statusCode(), off.body());
        assertTrue(off.body().contains("\"state\":\"offline\""), off.body());

        HttpResponse<String> health = app("/health");
        assertEquals(503, health.statusCode(), health.body());
        assertEquals("offline\n", health.body());
        assertEquals(200, app("/slow?ms=0").statusCode(), "other requests are still served while offline");

        // the slow request is still running: not drained
        String status = node("GET", "/node").body();
        assertFalse(status.contains("\"drained\":true"), status);

        assertEquals(200, slow.get().statusCode());
        Await.until("drained after the slow request ended", Duration.ofSeconds(20),
                () -> bodyQuietly("/node").contains("\"state\":\"drained\""));
        // health probes do not keep the node from being drained (a probe is discounted once it was answered, so a
        // look at /node in the middle of one may still see "offline" for a quiet period: awaited, not sampled)
        for (int i = 0; i < 5; i++) {
            assertEquals(503, app("/health").statusCode());
        }
        Await.until("drained again after the health probes", Duration.ofSeconds(10),
                () -> bodyQuietly("/node").contains("\"state\":\"drained\""));

        HttpResponse<String> on = node("POST", "/node/online");
        assertTrue(on.body().contains("\"state\":\"online\""), on.body());
        assertEquals(onlineHealth, app("/health").statusCode());
    }

    String bodyQuietly(String path) {
        try {
            return node("GET", path).body();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
