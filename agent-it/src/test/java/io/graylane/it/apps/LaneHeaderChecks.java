package io.graylane.it.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lane-header scenario shared by the HTTP client apps: a plain HTTP server on 127.0.0.1 answers every request with
 * what it received ({@code <lane>|<signature>|<user-agent>|<body>}, {@code -} for an absent or empty header), and one client
 * sends requests in lane "gray" and on baseline, with and without a forged lane header of its own, to 127.0.0.1 (a
 * signing destination) and, through the same server as an HTTP proxy, to {@code lanes.invalid} (not one). One line per
 * check: {@code CHECK <name> observed=<value> OK|FAIL}; each signature the server saw in lane gray is printed as
 * {@code SIGNATURE lane=gray method=<m> path=<p> value=<v>} for the test to verify with graylane's own verifier. Exits 0
 * only when every check saw what it should.
 */
public final class LaneHeaderChecks {
    static final String LANE = "x-graylane-lane";
    static final String SIGNATURE = "x-graylane-lane-signature";
    private static final String FORGED_SIGNATURE = "v2:1700000000:00ff:127.0.0.1";

    /** One HTTP client under test. */
    public interface Client {
        /** Sends {@code method} (GET, or POST with a small body) to {@code url}; {@code forged}: the app's own lane header. */
        String send(String url, String method, String forged, String forgedSignature) throws Exception;

        /** As {@link #send} with GET, the client's asynchronous API. */
        String sendAsync(String url) throws Exception;

        /** As {@link #send} with GET, through an HTTP proxy at {@code proxyPort} on 127.0.0.1. */
        String sendViaProxy(String url, int proxyPort) throws Exception;
    }

    /** A reactive client: its requests can also take their lane from the Reactor Context they are subscribed in. */
    public interface ContextClient extends Client {
        /** As {@link #send} with GET, subscribed with {@code laneAttribute} under graylane's Reactor Context key. */
        String sendInContext(String url, Object laneAttribute) throws Exception;
    }

    private final List<String> failures = new ArrayList<>();

    /** Runs the scenario; {@code signed}: a secret is configured, so requests to 127.0.0.1 must carry a signature. */
    public static void run(Client client, boolean signed) throws Exception {
        LaneHeaderChecks checks = new LaneHeaderChecks();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", LaneHeaderChecks::echo);
        server.start();
        int port = server.getAddress().getPort();
        String local = "http://127.0.0.1:" + port;
        try {
            checks.scenario(client, local, port, signed);
        } finally {
            server.stop(0);
        }
        System.out.println(checks.failures.isEmpty() ? "ALL OK" : "FAILED " + checks.failures);
        System.exit(checks.failures.isEmpty() ? 0 : 1);
    }

    private void scenario(Client client, String local, int port, boolean signed) throws Exception {
        String[] first = split(client.send(local + "/version", "GET", null, null));
        System.out.println("CLIENT " + first[2]);
        String present = signed ? "present" : "-";
        try (LaneContext.Scope ignored = LaneContext.enter(LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API))) {
            String[] get = split(client.send(local + "/orders/7?x=1", "GET", null, null));
            check("gray GET: lane header", "gray", get[0]);
            check("gray GET: signature", present, presence(get[1]));
            signature("GET", "/orders/7", get[1]);
            String[] post = split(client.send(local + "/orders", "POST", null, null));
            check("gray POST: lane header", "gray", post[0]);
            check("gray POST: the body arrives", "order", post[3]);
            signature("POST", "/orders", post[1]);
            String[] forged = split(client.send(local + "/forged", "GET", "blue", FORGED_SIGNATURE));
            check("gray, the application's own header: replaced by the lane", "gray", forged[0]);
            check("gray, the application's own signature: replaced or removed", "replaced",
                    FORGED_SIGNATURE.equals(forged[1]) ? "kept" : "replaced");
            signature("GET", "/forged", forged[1]);
            String[] async = split(client.sendAsync(local + "/async"));
            check("gray async: lane header", "gray", async[0]);
            signature("GET", "/async", async[1]);
            String[] external = split(client.sendViaProxy("http://lanes.invalid/external", port));
            check("gray to a non-internal host: lane header", "gray", external[0]);
            check("gray to a non-internal host: no signature", "-", external[1]);
        }
        if (client instanceof ContextClient) {
            ContextClient reactive = (ContextClient) client;
            String[] inContext = split(reactive.sendInContext(local + "/context",
                    LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API)));
            check("gray in the Reactor Context only (thread on baseline): lane header", "gray", inContext[0]);
            signature("GET", "/context", inContext[1]);
            try (LaneContext.Scope ignored = LaneContext.enter(LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API))) {
                String[] baseInContext = split(reactive.sendInContext(local + "/context-base", "baseline"));
                check("baseline in the Reactor Context (thread in gray): no lane header", "-", baseInContext[0]);
            }
        }
        String[] base = split(client.send(local + "/base", "GET", null, null));
        check("baseline: no lane header", "-", base[0]);
        check("baseline: no signature", "-", base[1]);
        String[] baseForged = split(client.send(local + "/base", "GET", "blue", FORGED_SIGNATURE));
        check("baseline, the application's own header: removed", "-", baseForged[0]);
        check("baseline, the application's own signature: removed", "-", baseForged[1]);
    }

    private static String[] split(String body) {
        String[] parts = body.split("\\|", -1);
        return parts.length == 4 ? parts : new String[] {"?", "?", body, "?"};
    }

    private static String presence(String value) {
        return "-".equals(value) ? "-" : "present";
    }

    private static void signature(String method, String path, String value) {
        if (!"-".equals(value)) {
            System.out.println("SIGNATURE lane=gray method=" + method + " path=" + path + " value=" + value);
        }
    }

    private static void echo(HttpExchange ex) throws IOException {
        String received = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String body = value(ex, LANE) + "|" + value(ex, SIGNATURE) + "|" + value(ex, "User-Agent") + "|"
                + (received.isEmpty() ? "-" : received);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String value(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null || v.isEmpty() ? "-" : v;
    }

    private void check(String name, String expected, String observed) {
        boolean ok = expected.equals(observed);
        System.out.println("CHECK " + name + " observed=" + observed + (ok ? " OK" : " FAIL expected=" + expected));
        if (!ok) {
            failures.add(name);
        }
    }
}
