package io.graylane.testkit.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the agent's admin endpoint ({@code /metrics}, {@code /status}) on 127.0.0.1. */
final class AgentEndpoint {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AgentEndpoint() {
    }

    /** The body of a 200 answer to {@code method path} (with {@code Authorization: Bearer token} when given). */
    static String call(String app, int port, String token, String method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(app + ": " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(app + ": " + method + " " + path + " unreachable on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sum of every series of {@code metric} whose label text contains {@code labels}; 0 when there is none yet. */
    static long metric(String app, int port, String token, String metric, String labels) {
        long sum = 0;
        for (String l : call(app, port, token, "GET", "/metrics").split("\n")) {
            if (l.startsWith(metric + "{") || l.startsWith(metric + " ")) {
                String series = l.substring(0, l.lastIndexOf(' '));
                if (labels == null || labels.isEmpty() || series.contains(labels)) {
                    sum += (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }
}
