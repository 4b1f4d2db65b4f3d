package io.graylane.bench.http.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code HttpBenchClient <gatewayPort> <warmupSeconds> <latencyCalls> <threads> <throughputSeconds> <nodePids>}: calls
 * {@code GET http://127.0.0.1:<gatewayPort>/hop} (gateway → A → B) over HTTP/1.1 keep-alive. Latency: one thread,
 * sequential calls, per-call wall time. Throughput: {@code threads} threads calling as fast as they can. Runs without
 * any agent (it is the traffic, not part of the chain). Prints one line:
 * {@code RESULT p50us=.. p99us=.. meanus=.. tput=.. cpuus=.. errors=.. warmuperrors=..}; {@code cpuus}: CPU time of the
 * three chain JVMs (their pids, comma-separated; from /proc) per call in the throughput phase.
 */
public final class HttpBenchClient {
    static final String ANSWER = "A>B";
    static final LongAdder ERRORS = new LongAdder();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        long[] pids = Arrays.stream(args[5].split(",")).mapToLong(Long::parseLong).toArray();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest hop = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hop"))
                .timeout(Duration.ofSeconds(10)).build();
        awaitAnswer(http, hop);
        run(http, hop, threads, warmup); // warm-up: concurrent like the throughput phase, so every hop is compiled
        long warmupErrors = ERRORS.sumThenReset();
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            String body = http.send(hop, HttpResponse.BodyHandlers.ofString()).body();
            ns[i] = System.nanoTime() - t0;
            if (!ANSWER.equals(body)) {
                throw new IllegalStateException("the chain answered " + body);
            }
        }
        Arrays.sort(ns);
        long cpu0 = cpuTicks(pids);
        long total = run(http, hop, threads, seconds);
        long cpu = cpuTicks(pids) - cpu0;
        System.out.printf("RESULT p50us=%.1f p99us=%.1f meanus=%.1f tput=%.1f cpuus=%.1f errors=%d warmuperrors=%d%n",
                ns[calls / 2] / 1000.0, ns[(int) (calls * 0.99)] / 1000.0, Arrays.stream(ns).average().orElse(0) / 1000.0,
                total / (double) seconds, cpu * 10_000.0 / Math.max(1, total), ERRORS.sum(), warmupErrors);
        System.out.flush();
        System.exit(0);
    }

    /** Calls until the chain answers {@link #ANSWER} (at most 120 s): the three JVMs start at once. */
    static void awaitAnswer(HttpClient http, HttpRequest hop) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(hop, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && ANSWER.equals(r.body())) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(100); // polling a condition (the chain answers), not timing a result
        }
        throw new IllegalStateException("the chain did not answer within 120 s: " + last);
    }

    static long run(HttpClient http, HttpRequest hop, int threads, int seconds) throws InterruptedException {
        LongAdder count = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> r = http.send(hop, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && ANSWER.equals(r.body())) {
                            count.increment();
                        } else {
                            ERRORS.increment();
                        }
                    } catch (Exception e) {
                        ERRORS.increment();
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        return count.sum();
    }

    /** utime + stime of the processes, in clock ticks (USER_HZ = 100 on Linux); 0 where /proc is not readable. */
    static long cpuTicks(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                // not Linux, or the process is gone
            }
        }
        return sum;
    }
}
