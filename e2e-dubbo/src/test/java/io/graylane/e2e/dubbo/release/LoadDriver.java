package io.graylane.e2e.dubbo.release;

import com.sun.net.httpserver.HttpServer;
import io.graylane.e2e.dubbo.apps.ChainNode;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Dubbo consumer of the rolling restart: {@code LoadDriver <registry> <controlPort> <requestsPerSecond>}. Calls
 * {@link EchoService} at a fixed rate from a bounded pool (retries 0: a failed call is a failed request, not hidden by
 * a retry on the other instance); every request is counted, exactly: answered, failed (exception, timeout, or no free
 * worker). Control on 127.0.0.1: {@code GET /stats} ({@code requests=<n> failed=<n> inflight=<n> served=<name>:<n>,…
 * errors=<first few>}), {@code GET /reset} (counts from zero; waits for the calls in flight first),
 * {@code GET /calls?at=<epochMillis>} (per instance, over the calls it answered since the last reset: when the latest
 * was started, how many were started before {@code at} and answered after it, how many were started after it;
 * {@code <name>:<lastStartMillis>:<spanning>:<after>,…}).
 */
public final class LoadDriver {
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong failed = new AtomicLong();
    static final AtomicLong inflight = new AtomicLong();
    static final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    /** Per answering instance: start and end (epoch millis) of every call it answered since the last reset. */
    static final Map<String, ConcurrentLinkedQueue<long[]>> calls = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String registry = args[0];
        int controlPort = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        ApplicationConfig app = new ApplicationConfig("echo-driver");
        app.setQosEnable(false);
        ReferenceConfig<EchoService> ref = new ReferenceConfig<>();
        ref.setInterface(EchoService.class);
        ref.setCheck(false);
        ref.setTimeout(3000);
        ref.setRetries(0);
        DubboBootstrap.getInstance().application(app).registry(new RegistryConfig(registry))
                .protocol(ChainNode.loopbackProtocolFor(-1)).reference(ref).start();
        EchoService echo = ref.get();

        ThreadPoolExecutor workers = new ThreadPoolExecutor(64, 64, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong seq = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            requests.incrementAndGet();
            inflight.incrementAndGet();
            try {
                workers.execute(() -> {
                    try {
                        long start = System.currentTimeMillis();
                        String who = echo.echo(String.valueOf(seq.incrementAndGet()));
                        calls.computeIfAbsent(who, k -> new ConcurrentLinkedQueue<>())
                                .add(new long[] {start, System.currentTimeMillis()});
                        served.computeIfAbsent(who, k -> new AtomicLong()).incrementAndGet();
                    } catch (Throwable t) {
                        fail(t.toString());
                    } finally {
                        inflight.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException busy) {
                inflight.decrementAndGet();
                fail("no free worker: " + busy);
            }
        }, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);

        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 16);
        control.createContext("/stats", ex -> answer(ex, stats()));
        control.createContext("/reset", ex -> {
            synchronized (LoadDriver.class) {
                requests.set(0);
                failed.set(0);
                served.clear();
                errors.clear();
                calls.clear();
            }
            answer(ex, stats());
        });
        control.createContext("/calls", ex -> {
            long at = Long.parseLong(ex.getRequestURI().getQuery().substring("at=".length()));
            StringBuilder b = new StringBuilder();
            new TreeMap<>(calls).forEach((k, q) -> {
                long last = 0;
                long spanning = 0;
                long after = 0;
                for (long[] c : q) {
                    last = Math.max(last, c[0]);
                    if (c[0] >= at) {
                        after++;
                    } else if (c[1] >= at) {
                        spanning++;
                    }
                }
                b.append(b.length() == 0 ? "" : ",").append(k).append(':').append(last).append(':').append(spanning)
                        .append(':').append(after);
            });
            answer(ex, b.toString());
        });
        control.start();
        System.out.println("VERSION dubbo=" + org.apache.dubbo.common.Version.getVersion());
        System.out.println("READY driver");
        System.out.flush();
        Thread.currentThread().join();
    }

    static void fail(String why) {
        failed.incrementAndGet();
        if (errors.size() < 10) {
            String oneLine = why.replaceAll("\\s+", "_");
            errors.add(oneLine.length() > 300 ? oneLine.substring(0, 300) : oneLine);
        }
    }

    static synchronized String stats() {
        Map<String, Long> s = new TreeMap<>();
        served.forEach((k, v) -> s.put(k, v.get()));
        StringBuilder b = new StringBuilder();
        s.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append(':').append(v));
        return "requests=" + requests.get() + " failed=" + failed.get() + " inflight=" + inflight.get()
                + " served=" + b + " errors=" + String.join("|", errors);
    }

    static void answer(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
