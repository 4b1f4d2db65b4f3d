package io.graylane.core.node;

import io.graylane.rules.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar graylane-agent.jar node offline|online|status --admin HOST:PORT [--token T] [--wait-drained 60s]}:
 * drives a node's lifecycle through its admin endpoint. Exit code 0 only when the node reached the asked state
 * ({@code offline} with {@code --wait-drained}: drained within the time); 1 when it did not; 2 for a usage error; 3 when
 * the endpoint could not be reached or refused the call. The token may also come from {@code GRAYLANE_ADMIN_TOKEN}
 * (so it is not shown in the process list).
 */
public final class NodeCommand {
    static final int REACHED = 0;
    static final int NOT_REACHED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    private static final long POLL_MILLIS = 100;

    private final PrintStream out;
    private final PrintStream err;

    NodeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new NodeCommand(System.out, System.err).run(args, System.getenv("GRAYLANE_ADMIN_TOKEN")));
    }

    int run(String[] args, String envToken) {
        String action = null;
        String admin = null;
        String token = envToken;
        Long waitMillis = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if ("--admin".equals(a)) {
                    admin = value(args, ++i, a);
                } else if ("--token".equals(a)) {
                    token = value(args, ++i, a);
                } else if ("--wait-drained".equals(a)) {
                    waitMillis = Durations.toMillis(value(args, ++i, a));
                } else if (action == null && ("offline".equals(a) || "online".equals(a) || "status".equals(a))) {
                    action = a;
                } else {
                    throw new IllegalArgumentException("unexpected argument: " + a);
                }
            }
            if (action == null || admin == null) {
                throw new IllegalArgumentException("need offline, online or status, and --admin HOST:PORT");
            }
            if (waitMillis != null && !"offline".equals(action)) {
                throw new IllegalArgumentException("--wait-drained goes with offline");
            }
        } catch (IllegalArgumentException e) {
            err.println("graylane node: " + e.getMessage());
            err.println("usage: java -jar graylane-agent.jar node offline|online|status --admin HOST:PORT"
                    + " [--token TOKEN] [--wait-drained 60s]");
            return USAGE;
        }
        String base = "http://" + admin + "/node";
        try {
            if ("status".equals(action)) {
                Answer a = call("GET", base, token);
                out.println(a.body);
                return a.code == 200 ? REACHED : UNREACHABLE;
            }
            Answer a = call("POST", base + "/" + action, token);
            if (a.code != 200) {
                err.println("graylane node: " + action + " refused: HTTP " + a.code + " " + a.body.trim());
                return UNREACHABLE;
            }
            if ("online".equals(action)) {
                out.println(a.body);
                return "online".equals(state(a.body)) ? REACHED : NOT_REACHED;
            }
            if (waitMillis == null) {
                out.println(a.body);
                String s = state(a.body);
                return "offline".equals(s) || "drained".equals(s) ? REACHED : NOT_REACHED;
            }
            return waitDrained(base, token, waitMillis, a.body);
        } catch (IOException e) {
            err.println("graylane node: cannot reach the admin endpoint " + base + ": " + e);
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_REACHED;
        }
    }

    private int waitDrained(String base, String token, long waitMillis, String first)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        String body = first;
        while (true) {
            String s = state(body);
            if ("drained".equals(s)) {
                out.println(body);
                err.println("graylane node: drained after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                        + " ms");
                return REACHED;
            }
            if (!"offline".equals(s)) {
                out.println(body);
                err.println("graylane node: the node is " + s + ", not draining (someone brought it online?)");
                return NOT_REACHED;
            }
            if (System.nanoTime() - deadline > 0) {
                out.println(body);
                err.println("graylane node: not drained within " + waitMillis + " ms");
                return NOT_REACHED;
            }
            Thread.sleep(POLL_MILLIS);
            Answer a = call("GET", base, token);
            if (a.code != 200) {
                err.println("graylane node: status refused: HTTP " + a.code + " " + a.body.trim());
                return UNREACHABLE;
            }
            body = a.body;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** The {@code state} of a {@code /node} answer, or null. */
    static String state(String body) {
        try {
            Object v = Json.parse(body);
            Object s = v instanceof Map ? ((Map<?, ?>) v).get("state") : null;
            return s instanceof String ? (String) s : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static final class Answer {
        final int code;
        final String body;

        Answer(int code, String body) {
            this.code = code;
            this.body = body;
        }
    }

    private static Answer call(String method, String url, String token) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try {
            c.setRequestMethod(method);
            c.setConnectTimeout(5000);
            c.setReadTimeout(10000);
            if (token != null && !token.isEmpty()) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            if ("POST".equals(method)) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(0);
                c.getOutputStream().close();
            }
            int code = c.getResponseCode();
            InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
            return new Answer(code, in == null ? "" : read(in));
        } finally {
            c.disconnect();
        }
    }

    private static String read(InputStream in) throws IOException {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] b = new byte[4096];
            int n;
            while ((n = in.read(b)) > 0 && buf.size() < (1 << 20)) {
                buf.write(b, 0, n);
            }
            return new String(buf.toByteArray(), StandardCharsets.UTF_8);
        } finally {
            in.close();
        }
    }
}
