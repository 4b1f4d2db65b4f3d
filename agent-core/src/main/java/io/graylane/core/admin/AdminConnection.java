package io.graylane.core.admin;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * One admin request on one connection: reads the request head (at most {@link #MAX_HEAD_BYTES}, within
 * {@link #HEAD_DEADLINE_MILLIS}, each read waiting at most {@link #READ_TIMEOUT_MILLIS}), authenticates, routes, answers
 * and closes. The body of a request is never read. Never throws.
 */
final class AdminConnection {
    static final int READ_TIMEOUT_MILLIS = 2000;
    static final long HEAD_DEADLINE_MILLIS = 5000;
    static final int MAX_HEAD_BYTES = 8192;

    private AdminConnection() {
    }

    /** What the endpoint serves; {@code status()} null: the agent has not started. */
    abstract static class Routes {
        private final byte[] token;

        Routes(String token) {
            this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        }

        abstract String status();

        abstract String metrics();

        /** {@code /node} JSON; null when the agent has not started. */
        abstract String node();

        /** {@code POST /node/offline} or {@code /node/online}: the new {@code /node} JSON; null: not started. */
        abstract String changeNode(boolean online);

        /** State-changing calls need a configured token. */
        boolean tokenConfigured() {
            return token != null;
        }

        /** No token configured, or {@code Authorization: <bearer in any case> <token>}. */
        boolean authorized(String authorization) {
            if (token == null) {
                return true;
            }
            if (authorization == null) {
                return false;
            }
            String a = authorization.trim();
            int space = a.indexOf(' ');
            if (space < 0 || !"bearer".equals(a.substring(0, space).toLowerCase(Locale.ROOT))) {
                return false;
            }
            return MessageDigest.isEqual(token, a.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8));
        }
    }

    static void serve(Socket socket, Routes routes) {
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            String head = readHead(new BufferedInputStream(socket.getInputStream(), 1024));
            if (head == null) {
                respond(socket, 408, "text/plain", "request head not received in time or too large\n", false);
                return;
            }
            String[] lines = head.split("\r?\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
                respond(socket, 400, "text/plain", "bad request line\n", false);
                return;
            }
            String method = requestLine[0];
            String target = requestLine[1];
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            boolean head0 = "HEAD".equals(method);
            if (!routes.authorized(header(lines, "authorization"))) {
                respond(socket, 401, "text/plain", "missing or wrong Authorization: Bearer token\n", head0);
                return;
            }
            if ("/node/offline".equals(path) || "/node/online".equals(path)) {
                if (!"POST".equals(method)) {
                    respond(socket, 405, "text/plain", "method not allowed: POST\n", false, "POST");
                    return;
                }
                if (!routes.tokenConfigured()) {
                    respond(socket, 403, "text/plain", "state-changing calls need graylane.admin.token to be set\n",
                            false);
                    return;
                }
                answer(socket, routes.changeNode("/node/online".equals(path)), false);
                return;
            }
            if (!"/status".equals(path) && !"/metrics".equals(path) && !"/node".equals(path)) {
                respond(socket, 404, "text/plain", "not found: /status, /metrics and /node only\n", head0);
                return;
            }
            if (!"GET".equals(method) && !head0) {
                respond(socket, 405, "text/plain", "method not allowed: GET or HEAD\n", false);
                return;
            }
            if ("/node".equals(path)) {
                answer(socket, routes.node(), head0);
                return;
            }
            if ("/metrics".equals(path)) {
                respond(socket, 200, "text/plain; version=0.0.4; charset=utf-8", routes.metrics(), head0);
                return;
            }
            String status = routes.status();
            if (status == null) {
                respond(socket, 503, "text/plain", "the agent has not started\n", head0);
            } else {
                respond(socket, 200, "application/json", status, head0);
            }
        } catch (Throwable t) {
            try {
                respond(socket, 500, "text/plain", "error: " + t.getClass().getName() + "\n", false);
            } catch (Throwable ignored) {
                // the connection is gone
            }
        } finally {
            closeQuietly(socket);
        }
    }

    private static void answer(Socket socket, String json, boolean headOnly) throws java.io.IOException {
        if (json == null) {
            respond(socket, 503, "text/plain", "the agent has not started\n", headOnly);
        } else {
            respond(socket, 200, "application/json", json, headOnly);
        }
    }

    /** The request head up to the empty line, or null when it is too large or does not arrive in time. */
    private static String readHead(InputStream in) throws java.io.IOException {
        long deadline = System.nanoTime() + HEAD_DEADLINE_MILLIS * 1000000L;
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        int state = 0;
        while (buf.size() < MAX_HEAD_BYTES) {
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException slow) {
                continue;
            }
            if (b < 0) {
                return null;
            }
            buf.write(b);
            // end of head: \r\n\r\n or \n\n
            if (b == '\n') {
                if (state == 1) {
                    return new String(buf.toByteArray(), StandardCharsets.ISO_8859_1).trim();
                }
                state = 1;
            } else if (b != '\r') {
                state = 0;
            }
        }
        return null;
    }

    private static String header(String[] lines, String lowerName) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void respond(Socket socket, int code, String type, String body, boolean headOnly)
            throws java.io.IOException {
        respond(socket, code, type, body, headOnly, "GET, HEAD");
    }

    private static void respond(Socket socket, int code, String type, String body, boolean headOnly, String allow)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + code + " " + reason(code) + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + bytes.length + "\r\n" + (code == 405 ? "Allow: " + allow + "\r\n" : "") + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!headOnly) {
            out.write(bytes);
        }
        out.flush();
    }

    private static String reason(int code) {
        switch (code) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 503: return "Service Unavailable";
            default: return "Internal Server Error";
        }
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (Throwable ignored) {
            // nothing to do
        }
    }
}
