package io.graylane.e2e.dubbo;

import io.graylane.e2e.dubbo.apps.ChainNode;
import io.graylane.testkit.Await;
import io.graylane.testkit.Ports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the chain tests share: starting nodes, calling the gateway, reading metrics. */
abstract class ChainSupport {
    final List<AppProcess> apps = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int gatewayPort;

    AppProcess node(String name, String role, String registry, String lane, String... more) throws Exception {
        return node(name, role, registry, lane, List.of(), null, more);
    }

    AppProcess node(String name, String role, String registry, String lane, List<String> jvmArgs, String userTag,
                    String... more) throws Exception {
        List<String> g = new ArrayList<>();
        g.add("app=" + name);
        if (lane != null) {
            g.add("lane=" + lane);
        }
        g.addAll(List.of(more));
        int port = Ports.free();
        AppProcess p = userTag == null
                ? AppProcess.start(name, ChainNode.class, g, jvmArgs, name, role, registry, String.valueOf(port))
                : AppProcess.start(name, ChainNode.class, g, jvmArgs, name, role, registry, String.valueOf(port), userTag);
        p.dubboPort = port;
        return p;
    }

    void stopApps() {
        for (AppProcess p : apps) {
            p.close();
        }
    }

    void awaitPath(String expected, String user) {
        awaitPath(expected, user, null);
    }

    void awaitPath(String expected, String user, Map<String, String> headers) {
        String[] last = {null};
        try {
            Await.until(expected, Duration.ofSeconds(60), () -> expected.equals(last[0] = callQuietly(user, headers)));
        } catch (RuntimeException e) {
            throw new AssertionError("never saw " + expected + "; last answer: " + last[0], e);
        }
    }

    HttpResponse<String> get(String path, String user, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(20));
        if (user != null) {
            b.header("x-user", user);
        }
        if (headers != null) {
            headers.forEach(b::header);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String call(String user, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = get("/call?id=1", user, headers);
        assertEquals(200, r.statusCode(), () -> "HTTP " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    /**
     * Calls {@code /callAsync} 50 times in gray ({@code x-user: tester}) and 50 times untagged, asserts that each answer
     * (the call, then its continuation's call) stayed in one lane on the chain's paths, and returns the answers
     * counted.
     */
    Map<String, Integer> asyncPaths() throws Exception {
        Map<String, Integer> seen = new java.util.TreeMap<>();
        for (int i = 0; i < 50; i++) {
            seen.merge(get("/callAsync?id=" + i, "tester", null).body(), 1, Integer::sum);
            seen.merge(get("/callAsync?id=" + i, "someone", null).body(), 1, Integer::sum);
        }
        for (String body : seen.keySet()) {
            org.junit.jupiter.api.Assertions.assertTrue(body.matches(
                    "gw\\[gray]>A-gray\\[gray]>B-base\\[gray]>C-gray\\[gray] ~(caller|callback)\\[gray]"
                    + ">B-base\\[gray]>C-gray\\[gray]")
                    || body.matches("gw\\[-]>A-base\\[-]>B-base\\[-]>C-base\\[-] ~(caller|callback)\\[-]>B-base\\[-]>C-base\\[-]"),
                    body);
        }
        // every body matched one of the two paths above: 50 of each lane, whatever thread ran the continuation
        int gray = seen.entrySet().stream().filter(e -> e.getKey().startsWith("gw[gray]")).mapToInt(Map.Entry::getValue).sum();
        org.junit.jupiter.api.Assertions.assertEquals(50, gray, "gray async calls " + seen);
        org.junit.jupiter.api.Assertions.assertEquals(50, 100 - gray, "untagged async calls " + seen);
        return seen;
    }

    /** Asserts that some gray continuation ran on a Dubbo thread (the advice under test), not only on the caller's. */
    static void assertSomeGrayContinuationRanOnADubboThread(Map<String, Integer> seen) {
        org.junit.jupiter.api.Assertions.assertTrue(seen.keySet().stream().anyMatch(b -> b.contains("~callback[gray]")),
                "no gray continuation ran on a Dubbo thread: " + seen);
    }

    String callQuietly(String user, Map<String, String> headers) {
        try {
            HttpResponse<String> r = get("/call?id=1", user, headers);
            return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode();
        } catch (Exception e) {
            return e.toString();
        }
    }

    long metric(int adminPort, String series) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith(series + " ")).mapToLong(l -> Long.parseLong(l.substring(
                l.lastIndexOf(' ') + 1))).sum();
    }

}
