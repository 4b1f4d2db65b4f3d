package io.graylane.core.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.AgentState;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.PluginState;
import io.graylane.core.rules.AgentRules;
import io.graylane.rules.json.Json;
import io.graylane.rules.source.SourceHealth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * {@code /status} (JSON) and {@code /metrics} (Prometheus text). Off unless {@code graylane.admin.port} is set; binds
 * 127.0.0.1 by default; requires {@code Authorization: Bearer <graylane.admin.token>} when a token is configured.
 */
public final class AdminServer {
    private final HttpServer server;

    private AdminServer(HttpServer server) {
        this.server = server;
    }

    public static AdminServer start(String bind, int port, final String token) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "graylane-admin");
                t.setDaemon(true);
                return t;
            }
        }));
        server.createContext("/status", new Guarded(token) {
            @Override
            void serve(HttpExchange ex) throws IOException {
                send(ex, 200, "application/json", statusJson(AgentState.current()));
            }
        });
        server.createContext("/metrics", new Guarded(token) {
            @Override
            void serve(HttpExchange ex) throws IOException {
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", MetricRegistry.renderPrometheus());
            }
        });
        startAsDaemon(server);
        AgentLogger.info("admin endpoint on http://" + bind + ":" + server.getAddress().getPort() + "/status and /metrics");
        return new AdminServer(server);
    }

    /**
     * The JDK server's dispatcher thread takes its daemon flag from the thread that starts it: start it from a daemon
     * thread, or it would keep the application's JVM alive after main() returns.
     */
    private static void startAsDaemon(final HttpServer server) throws IOException {
        final Throwable[] failure = new Throwable[1];
        Thread starter = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    server.start();
                } catch (Throwable t) {
                    failure[0] = t;
                }
            }
        }, "graylane-admin-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw new IOException("admin endpoint did not start", failure[0]);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public static String statusJson(AgentState s) {
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        field(sb, "version", s.version()).append(',');
        field(sb, "app", s.app()).append(',');
        field(sb, "lane", s.lane()).append(',');
        sb.append("\"startupMillis\":").append(s.startupMillis()).append(',');
        sb.append("\"plugins\":[");
        boolean first = true;
        for (PluginState p : s.plugins()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('{');
            field(sb, "name", p.name()).append(',');
            field(sb, "status", p.status().name()).append(',');
            field(sb, "origin", p.origin()).append(',');
            sb.append("\"transformedTypes\":").append(p.transformedTypes());
            if (p.reason() != null) {
                sb.append(',');
                field(sb, "reason", p.reason());
            }
            sb.append('}');
        }
        sb.append(']');
        for (Map.Entry<String, String> e : s.extra().entrySet()) {
            sb.append(',');
            field(sb, e.getKey(), e.getValue());
        }
        rulesSource(sb, AgentRules.get().sourceHealth());
        return sb.append('}').toString();
    }

    /**
     * {@code ,"rulesSource":{"source":..,"up":..,"lastSuccess":..,"lastFailure":..,"lastFailureAt":..,
     * "lastRejection":..,"lastRejectionAt":..}} (times in ISO-8601 UTC, null when it never happened); nothing when no
     * rule source is configured.
     */
    static void rulesSource(StringBuilder sb, SourceHealth h) {
        if (h == null) {
            return;
        }
        sb.append(",\"rulesSource\":{");
        field(sb, "source", h.source()).append(",\"up\":").append(h.up()).append(',');
        field(sb, "lastSuccess", time(h.lastSuccessMillis())).append(',');
        field(sb, "lastFailure", h.lastFailure()).append(',');
        field(sb, "lastFailureAt", time(h.lastFailureMillis())).append(',');
        field(sb, "lastRejection", h.lastRejection()).append(',');
        field(sb, "lastRejectionAt", time(h.lastRejectionMillis()));
        sb.append('}');
    }

    private static String time(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        Json.quote(name, sb);
        sb.append(':');
        if (value == null) {
            return sb.append("null");
        }
        Json.quote(value, sb);
        return sb;
    }

    private abstract static class Guarded implements HttpHandler {
        private final String token;

        Guarded(String token) {
            this.token = token;
        }

        abstract void serve(HttpExchange ex) throws IOException;

        @Override
        public void handle(HttpExchange ex) throws IOException {
            try {
                if (token != null && !token.isEmpty()
                        && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    send(ex, 401, "text/plain", "missing or wrong Authorization: Bearer token\n");
                    return;
                }
                serve(ex);
            } catch (RuntimeException e) {
                send(ex, 500, "text/plain", "error: " + e + "\n");
            } finally {
                ex.close();
            }
        }

        static void send(HttpExchange ex, int code, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, bytes.length);
            OutputStream out = ex.getResponseBody();
            out.write(bytes);
            out.close();
        }
    }
}
