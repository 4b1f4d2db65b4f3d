package io.graylane.bench.dubbo;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code BenchClient <portA> <warmupSeconds> <latencyCalls> <threads> <throughputSeconds> [nodePids]}: calls the chain
 * A → B → C. Latency: one thread, sequential calls, per-call wall time. Throughput: {@code threads} threads calling
 * as fast as they can (the two cores saturate). Prints one line:
 * {@code RESULT p50us=.. p99us=.. mean=.. tput=.. cpuus=..}: {@code cpuus} is the CPU time all four JVMs (the node pids
 * given, comma-separated, and this one; from /proc) spent per call during the throughput phase, which stays
 * meaningful when other work competes for the cores.
 */
public final class BenchClient {
    public static void main(String[] args) throws Exception {
        int portA = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        ApplicationConfig app = new ApplicationConfig("bench-client");
        app.setQosEnable(false);
        ReferenceConfig<Hop> ref = BenchNode.reference(portA);
        DubboBootstrap.getInstance().application(app).registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
                .reference(ref).start();
        Hop a = ref.get();
        String answer = awaitAnswer(a, "x");
        if (!"xABC".equals(answer)) {
            throw new IllegalStateException("chain answered " + answer);
        }
        // warm-up: concurrent, like the throughput phase, so every hop is compiled
        run(a, threads, warmup);
        long warmupErrors = ERRORS.sumThenReset();
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            a.call("x");
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        double mean = Arrays.stream(ns).average().orElse(0) / 1000.0;
        long[] pids = pids(args.length > 5 ? args[5] : "");
        long cpu0 = cpuTicks(pids);
        long total = run(a, threads, seconds);
        long cpuTicks = cpuTicks(pids) - cpu0;
        // errors: failed calls in the measured phases (latency calls throw straight out of main, failing the run)
        System.out.printf("RESULT p50us=%.1f p99us=%.1f meanus=%.1f tput=%.1f cpuus=%.1f errors=%d warmuperrors=%d%n",
                ns[calls / 2] / 1000.0, ns[(int) (calls * 0.99)] / 1000.0, mean, total / (double) seconds,
                cpuTicks * 10_000.0 / Math.max(1, total), ERRORS.sum(), warmupErrors);
        System.out.flush();
        System.exit(0);
    }

    static final LongAdder ERRORS = new LongAdder();

    /** Calls {@code hop} until it answers (at most 60 s), returning the answer. */
    static String awaitAnswer(Hop hop, String payload) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return hop.call(payload);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50); // polling a condition (the chain answers), not timing a result
            }
        }
    }

    static long[] pids(String csv) {
        String all = csv.isEmpty() ? "" + ProcessHandle.current().pid() : csv + "," + ProcessHandle.current().pid();
        return Arrays.stream(all.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** utime + stime of the processes, in clock ticks (USER_HZ = 100 on Linux); 0 where /proc is not readable. */
    static long cpuTicks(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/" + pid + "/stat")));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                // not Linux, or the process is gone
            }
        }
        return sum;
    }

    static long run(Hop a, int threads, int seconds) throws InterruptedException {
        LongAdder count = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        a.call("x");
                        count.increment();
                    } catch (RuntimeException e) {
                        ERRORS.increment();
                        if (ERRORS.sum() == 1) {
                            e.printStackTrace();
                        }
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
}
