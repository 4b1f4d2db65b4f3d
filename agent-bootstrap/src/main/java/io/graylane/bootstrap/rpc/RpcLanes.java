package io.graylane.bootstrap.rpc;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.PendingLanes;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What RPC advice (Dubbo today) needs and cannot get from the agent core: this node's lane, strict mode, inbound tags
 * checked and turned into snapshots ({@link LaneNames}), and per-lane counters labelled with {@link LaneNames#label}
 * (a lane neither this node nor the rules name is counted as {@code other}). JDK-only. The Dubbo plugin configures it
 * at start.
 *
 * <p>Baseline costs one thread-local read per outbound call and one swap/restore per inbound call. Nothing is
 * allocated for a known lane or a cached one; a valid tag beyond {@link LaneNames}' bounded cache of other names costs
 * one fresh snapshot per inbound call (and still gets its lane).
 */
public final class RpcLanes {
    /** The attachment Dubbo's tag router reads ({@code CommonConstants.TAG_KEY}). */
    public static final String TAG_KEY = "dubbo.tag";
    /** Dubbo's "no fallback to untagged providers" attachment ({@code Constants.FORCE_USE_TAG}). */
    public static final String FORCE_TAG_KEY = "dubbo.force.tag";
    public static final String BASELINE = "baseline";

    private static final ConcurrentMap<String, Counter> IN = new ConcurrentHashMap<String, Counter>();
    private static final ConcurrentMap<String, Counter> OUT = new ConcurrentHashMap<String, Counter>();
    private static final ConcurrentMap<String, Counter> FALLBACK = new ConcurrentHashMap<String, Counter>();
    private static final ConcurrentMap<String, Counter> UNAVAILABLE = new ConcurrentHashMap<String, Counter>();
    private static final Counter IN_BASELINE = in(BASELINE);
    private static final Counter OUT_BASELINE = out(BASELINE);
    private static final Counter INVALID = MetricRegistry.counter("graylane_dubbo_invalid_tag_total",
            "inbound Dubbo calls whose dubbo.tag was not a valid lane name (served as baseline)");
    private static final Counter USER_TAG = MetricRegistry.counter("graylane_dubbo_user_tag_kept_total",
            "outbound Dubbo calls that already carried a dubbo.tag set by the application (left as it was)");

    /**
     * Calls whose response completes a future on another thread and whose request is not at hand there (Dubbo 3's
     * Triple {@code DeadlineFuture}): the lane is recorded when the future is made and current while it completes.
     */
    public static final PendingLanes CALLS = new PendingLanes();

    private static volatile String nodeLane;
    private static volatile boolean strict;

    private RpcLanes() {
    }

    /** Called once by the Dubbo plugin. {@code lane} null or empty = baseline node. */
    public static void configure(String lane, boolean strictMode) {
        nodeLane = lane == null || lane.isEmpty() ? null : lane;
        strict = strictMode;
    }

    /** This node's lane (what its providers are tagged with), or null on a baseline node. */
    public static String nodeLane() {
        return nodeLane;
    }

    /** True when a hop without an instance of the request's lane must fail instead of using baseline. */
    public static boolean strict() {
        return strict;
    }

    /**
     * Provider side: makes {@code tag} (the inbound {@code dubbo.tag}, may be null) the lane of the current thread and
     * returns what was current, for {@link LaneContext#restore}. An absent tag means baseline.
     */
    public static LaneSnapshot enterInbound(String tag) {
        LaneSnapshot next = LaneNames.fromWire(tag, LaneSnapshot.ORIGIN_RPC, INVALID);
        if (next == null) {
            IN_BASELINE.inc();
        } else {
            in(tag).inc();
        }
        return LaneContext.swap(next);
    }

    /**
     * Consumer side, first step: the current lane, or null on baseline (counted as a baseline call; the call is left
     * as it is). Costs one thread-local read.
     */
    public static String outboundLane() {
        String lane = LaneContext.currentLane();
        if (lane == null) {
            OUT_BASELINE.inc();
        }
        return lane;
    }

    /**
     * Consumer side, second step: the tag an outbound call of {@code lane} should carry, or null to leave the call as
     * it is because the application set {@code dubbo.tag} itself ({@code existingTag} non-empty).
     */
    public static String outboundTag(String lane, String existingTag) {
        if (existingTag != null && !existingTag.isEmpty()) {
            USER_TAG.inc();
            return null;
        }
        out(lane).inc();
        return lane;
    }

    /** Counts a call of {@code requestedLane} that was sent to an instance of another lane ({@code servedBy}). */
    public static void checkServed(String requestedLane, String servedBy) {
        if (requestedLane != null && !requestedLane.isEmpty() && !requestedLane.equals(servedBy)) {
            counter(FALLBACK, "graylane_dubbo_fallback_total",
                    "outbound Dubbo calls of a lane served by an instance of another lane (no instance of the lane)",
                    requestedLane).inc();
        }
    }

    /** Counts a routing decision where every instance of the lane was unavailable and baseline was used instead. */
    public static void unavailableFallback(String lane) {
        if (lane != null && !lane.isEmpty()) {
            counter(UNAVAILABLE, "graylane_dubbo_unavailable_fallback_total",
                    "Dubbo 2.7 routings where every instance of the lane was unavailable and baseline was used",
                    lane).inc();
        }
    }

    /** The snapshot of a lane name from an RPC ({@link LaneNames#snapshot}); null when it is not a lane name. */
    public static LaneSnapshot snapshot(String lane) {
        return LaneNames.snapshot(lane, LaneSnapshot.ORIGIN_RPC);
    }

    private static Counter in(String lane) {
        return counter(IN, "graylane_dubbo_calls_in_total", "inbound Dubbo calls per lane", lane);
    }

    private static Counter out(String lane) {
        return counter(OUT, "graylane_dubbo_calls_out_total", "outbound Dubbo calls per lane they were sent in", lane);
    }

    /** The counter of {@code lane}'s metric label ({@link LaneNames#label}): bounded by the known lanes. */
    private static Counter counter(ConcurrentMap<String, Counter> cache, String name, String help, String lane) {
        String label = BASELINE.equals(lane) ? BASELINE : LaneNames.label(lane);
        Counter c = cache.get(label);
        if (c == null) {
            c = MetricRegistry.counter(name, help, "lane", label);
            Counter raced = cache.putIfAbsent(label, c);
            if (raced != null) {
                c = raced;
            }
        }
        return c;
    }
}
