package io.graylane.e2e.springcloud.release;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load generator: {@code GET <url>} at a fixed rate, asynchronously, at most {@link #MAX_IN_FLIGHT} requests
 * outstanding (an open-loop generator with no bound turns a stall of the machine into thousands of connections and a
 * collapse; a request that finds no free slot is a failed one, not a skipped one), every request counted: answered 200 (by which B
 * instance: the second hop of the {@code A>B>C} answer), or failed (another status, an exception, the timeout). No
 * retry. Answers slower than {@link #SLOW} are counted apart ({@code slow}, and the slowest in ms): still answers.
 */
public final class HttpLoad implements AutoCloseable {
    /** Requests sent since the generator started; also each request's sequence number. */
    private final AtomicLong requests = new AtomicLong();
    /** {@link #requests} at the last {@link #reset()}. */
    private volatile long base;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong inflight = new AtomicLong();
    private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration SLOW = Duration.ofSeconds(2);
    static final int MAX_IN_FLIGHT = 1000;
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong slowestMillis = new AtomicLong();
    /** Sequence numbers of the requests not ended yet. */
    private final ConcurrentSkipListSet<Long> outstanding = new ConcurrentSkipListSet<>();
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final HttpRequest request;

    /** One snapshot of the counts. */
    public record Stats(long requests, long failed, long inflight, Map<String, Long> served, long slow,
                        long slowestMillis, String errors) {
        public long servedBy(String instance) {
            return served.getOrDefault(instance, 0L);
        }

        @Override
        public String toString() {
            return "requests=" + requests + " failed=" + failed + " inflight=" + inflight + " served=" + served
                    + " slow=" + slow + " slowest-ms=" + slowestMillis + (errors.isEmpty() ? "" : " errors=" + errors);
        }
    }

    public HttpLoad(String url, int perSecond) {
        request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build();
        ticker.scheduleAtFixedRate(this::send, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
    }

    private void send() {
        long seq = requests.incrementAndGet();
        long start = System.nanoTime();
        if (!slots.tryAcquire()) {
            fail("more than " + MAX_IN_FLIGHT + " requests in flight");
            return;
        }
        inflight.incrementAndGet();
        outstanding.add(seq);
        try {
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, t) -> {
                try {
                    if (t != null) {
                        fail(t.toString());
                    } else {
                        String[] hops = r.body().split(">");
                        if (r.statusCode() != 200 || hops.length < 3) {
                            fail(r.statusCode() + " " + r.body());
                        } else {
                            served.computeIfAbsent(hops[1], k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                } finally {
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    slowestMillis.accumulateAndGet(ms, Math::max);
                    if (ms >= SLOW.toMillis()) {
                        slow.incrementAndGet();
                    }
                    outstanding.remove(seq);
                    inflight.decrementAndGet();
                    slots.release();
                }
            });
        } catch (Throwable t) {
            outstanding.remove(seq);
            inflight.decrementAndGet();
            slots.release();
            fail(t.toString());
        }
    }

    private void fail(String why) {
        failed.incrementAndGet();
        if (errors.size() < 10) {
            String oneLine = why.replaceAll("\\s+", " ");
            errors.add(oneLine.length() > 200 ? oneLine.substring(0, 200) : oneLine);
        }
    }

    /** True once every request up to the {@code n}-th since the generator started has ended. */
    public boolean endedUpTo(long n) {
        Long first = outstanding.isEmpty() ? null : outstanding.first();
        return first == null || first > n;
    }

    /** Requests sent since the generator started (not reset). */
    public long sent() {
        return requests.get();
    }

    /**
     * Counts from zero (requests still in flight are counted in the new period when they end); the sequence numbers
     * go on.
     */
    public synchronized void reset() {
        base = requests.get();
        failed.set(0);
        slow.set(0);
        slowestMillis.set(0);
        served.clear();
        errors.clear();
    }

    public synchronized Stats stats() {
        Map<String, Long> s = new TreeMap<>();
        served.forEach((k, v) -> s.put(k, v.get()));
        return new Stats(requests.get() - base, failed.get(), inflight.get(), s, slow.get(), slowestMillis.get(),
                String.join(" | ", errors));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
