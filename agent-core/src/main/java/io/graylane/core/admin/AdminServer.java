package io.graylane.core.admin;

import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.AgentState;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeLifecycle;
import io.graylane.core.plugin.PluginState;
import io.graylane.core.rules.AgentRules;
import io.graylane.rules.json.Json;
import io.graylane.rules.source.SourceHealth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /status} (JSON), {@code /metrics} (Prometheus text) and {@code /node} (the node lifecycle, JSON), {@code GET}
 * or {@code HEAD}; {@code POST /node/offline} and {@code POST /node/online}, refused (403) unless a token is configured;
 * other paths 404, other methods 405. Off unless {@code graylane.admin.port} is set; binds 127.0.0.1 by default; requires
 * {@code Authorization: Bearer <graylane.admin.token>} (scheme in any case) when a token is configured, before anything
 * else is answered. One request per connection, served by a small pool ({@link #WORKERS} threads, {@link #QUEUE} waiting
 * connections, more are closed at once); a connection that does not send its request head within
 * {@link AdminConnection#HEAD_DEADLINE_MILLIS} is closed, so half-open or slow connections cannot block the endpoint.
 */
public final class AdminServer {
    static final int WORKERS = 4;
    static final int QUEUE = 32;

    private final ServerSocket socket;
    private final ThreadPoolExecutor workers;
    private final AdminConnection.Routes routes;
    private volatile boolean stopped;

    private AdminServer(ServerSocket socket, ThreadPoolExecutor workers, AdminConnection.Routes routes) {
        this.socket = socket;
        this.workers = workers;
        this.routes = routes;
    }

    /** @throws IOException when the address cannot be bound (e.g. the port is in use) */
    public static AdminServer start(String bind, int port, String token) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(bind, port), 64);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<Runnable>(QUEUE), daemons("graylane-admin-"));
        workers.allowCoreThreadTimeOut(true);
        final AdminServer server = new AdminServer(socket, workers, new AdminConnection.Routes(token) {
            @Override
            String status() {
                AgentState s = AgentState.current();
                return s == null ? null : statusJson(s);
            }

            @Override
            String metrics() {
                return MetricRegistry.renderPrometheus();
            }

            @Override
            String node() {
                NodeLifecycle n = NodeLifecycle.current();
                return n == null ? null : n.status().toJson();
            }

            @Override
            String changeNode(boolean online) {
                NodeLifecycle n = NodeLifecycle.current();
                return n == null ? null : (online ? n.online() : n.offline()).toJson();
            }
        });
        Thread acceptor = daemons("graylane-admin-accept").newThread(new Runnable() {
            @Override
            public void run() {
                server.acceptLoop();
            }
        });
        acceptor.start();
        AgentLogger.info("admin endpoint on http://" + bind + ":" + server.port() + "/status, /metrics and /node");
        return server;
    }

    private void acceptLoop() {
        while (!stopped) {
            final Socket s;
            try {
                s = socket.accept();
            } catch (Throwable t) {
                if (stopped || socket.isClosed()) {
                    return;
                }
                pause(); // e.g. out of file descriptors: do not spin
                continue;
            }
            try {
                workers.execute(new Runnable() {
                    @Override
                    public void run() {
                        AdminConnection.serve(s, routes);
                    }
                });
            } catch (RejectedExecutionException busy) {
                AdminConnection.closeQuietly(s);
            } catch (Throwable t) {
                AdminConnection.closeQuietly(s);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(final String prefix) {
        final AtomicInteger n = new AtomicInteger();
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
                t.setDaemon(true);
                return t;
            }
        };
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void stop() {
        stopped = true;
        AdminConnection.closeQuietly(socket);
        workers.shutdownNow();
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

}
