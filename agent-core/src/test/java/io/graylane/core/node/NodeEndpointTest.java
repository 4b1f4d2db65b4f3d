package io.graylane.core.node;

import io.graylane.core.admin.AdminServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /node} over the real admin server, and the {@code node} CLI against it. */
class NodeEndpointTest {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final NodeLifecycle lifecycle = new NodeLifecycle(100);
    final FakeWork work = new FakeWork("dubbo");
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    AdminServer server;

    NodeEndpointTest() {
        NodeLifecycle.install(lifecycle);
        NodeWorkRegistry.register(work);
    }

    @AfterEach
    void stop() {
        lifecycle.online();
        NodeWorkRegistry.unregister(work);
        NodeLifecycle.install(null);
        if (server != null) {
            server.stop();
        }
    }

    HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    int cli(String... args) {
        return new NodeCommand(new PrintStream(out, true), new PrintStream(err, true)).run(args, null);
    }

    @Test
    void stateChangesNeedTheTokenAndGetShowsEachFramework() throws Exception {
        server = AdminServer.start("127.0.0.1", 0, "tok");
        HttpResponse<String> r = send("GET", "/node", "Bearer tok");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("{\"state\":\"online\",\"drained\":false"), r.body());
        assertTrue(r.body().contains("\"name\":\"dubbo\""), r.body());
        assertEquals(401, send("POST", "/node/offline", null).statusCode());
        assertEquals(401, send("POST", "/node/offline", "Bearer nope").statusCode());
        assertEquals(405, send("GET", "/node/offline", "Bearer tok").statusCode());
        assertTrue(NodeLifecycle.isOnline());
        r = send("POST", "/node/offline", "Bearer tok");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"stopped\":true"), r.body());
        assertEquals(1, work.stops.get());
        assertEquals(200, send("POST", "/node/online", "bearer tok").statusCode());
        assertEquals(1, work.resumes.get());
    }

    @Test
    void withoutAConfiguredTokenStateChangesAreRefused() throws Exception {
        server = AdminServer.start("127.0.0.1", 0, null);
        assertEquals(200, send("GET", "/node", null).statusCode());
        assertEquals(403, send("POST", "/node/offline", null).statusCode());
        assertEquals(0, work.stops.get());
        assertTrue(NodeLifecycle.isOnline());
    }

    @Test
    void cliExitsZeroOnlyWhenTheNodeReachedTheAskedState() throws Exception {
        server = AdminServer.start("127.0.0.1", 0, "tok");
        String admin = "127.0.0.1:" + server.port();
        work.begin(); // a call in flight that does not end: never drained
        assertEquals(NodeCommand.NOT_REACHED, cli("offline", "--admin", admin, "--token", "tok",
                "--wait-drained", "500ms"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not drained within 500 ms"), err.toString());
        work.end();
        assertEquals(NodeCommand.REACHED, cli("offline", "--admin", admin, "--token", "tok", "--wait-drained", "10s"));
        assertEquals(NodeCommand.REACHED, cli("status", "--admin", admin, "--token", "tok"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"state\":\"drained\""), out.toString());
        assertEquals(NodeCommand.REACHED, cli("online", "--admin", admin, "--token", "tok"));
        assertTrue(NodeLifecycle.isOnline());
        assertEquals(NodeCommand.UNREACHABLE, cli("offline", "--admin", admin, "--token", "wrong"));
        assertTrue(NodeLifecycle.isOnline());
        assertEquals(NodeCommand.USAGE, cli("offline"));
        assertEquals(NodeCommand.USAGE, cli("online", "--admin", admin, "--wait-drained", "5s"));
    }
}
