package io.graylane.core.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin endpoint over real sockets. */
class AdminServerTest {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    AdminServer server;

    @AfterEach
    void stop() {
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

    @Test
    void aHalfOpenConnectionDoesNotBlockStatusAndIsClosedByTheServer() throws Exception {
        server = AdminServer.start("127.0.0.1", 0, "tok");
        try (Socket halfOpen = new Socket("127.0.0.1", server.port())) {
            OutputStream out = halfOpen.getOutputStream();
            out.write("GET /status HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the request head never ends; meanwhile the endpoint answers others
            assertEquals(200, send("GET", "/metrics", "Bearer tok").statusCode());
            assertEquals(200, send("GET", "/metrics", "Bearer tok").statusCode());
            // and the server gives up on the half-open connection by itself (read timeout): end of stream
            halfOpen.setSoTimeout(60_000);
            InputStream in = halfOpen.getInputStream();
            while (in.read() >= 0) {
                // a 408 answer may come first
            }
        }
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        server = AdminServer.start("127.0.0.1", 0, null);
        assertEquals(200, send("GET", "/metrics?x=1", null).statusCode());
        assertEquals(200, send("HEAD", "/metrics", null).statusCode());
        assertEquals(404, send("GET", "/", null).statusCode());
        assertEquals(404, send("GET", "/metricsx", null).statusCode());
        assertEquals(404, send("GET", "/metrics/more", null).statusCode());
        assertEquals(405, send("POST", "/metrics", null).statusCode());
        assertEquals(405, send("DELETE", "/metrics", null).statusCode());
        // no agent runs in this JVM: /status says so rather than failing
        assertEquals(503, send("GET", "/status", null).statusCode());
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveAndTheTokenIsNot() throws Exception {
        server = AdminServer.start("127.0.0.1", 0, "s3cret");
        assertEquals(200, send("GET", "/metrics", "Bearer s3cret").statusCode());
        assertEquals(200, send("GET", "/metrics", "bearer s3cret").statusCode());
        assertEquals(200, send("GET", "/metrics", "BEARER  s3cret").statusCode());
        assertEquals(401, send("GET", "/metrics", "Bearer S3CRET").statusCode());
        assertEquals(401, send("GET", "/metrics", "Basic s3cret").statusCode());
        assertEquals(401, send("GET", "/metrics", null).statusCode());
        assertEquals(401, send("GET", "/nope", null).statusCode(), "nothing is told before authentication");
    }
}
