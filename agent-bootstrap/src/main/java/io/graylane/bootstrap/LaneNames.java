package io.graylane.bootstrap;

import io.graylane.bootstrap.metrics.Counter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one rule for lane names, the one cache of lane snapshots, and the one bound on lane metric labels. Used by the
 * configuration ({@code graylane.lane}), the ingress, Dubbo, RocketMQ and every other place a lane name arrives.
 *
 * <p><b>Syntax</b> ({@link #isValid}): 1–{@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 _ . -}, starting with a
 * letter or digit. Lane names travel in RPC attachments, message properties and SQL92 filters, so they stay plain.
 * The rules engine checks the same syntax in its own class (it runs without the agent too); a test holds the two
 * equal.
 *
 * <p><b>Known lanes</b>: this node's lane ({@link #nodeLane(String)}) and the lanes the applied rule document names
 * ({@link #ruleLanes(Collection)}). Their snapshots are always cached, however many there are; the cache for other
 * valid names (lanes from the wire that no rule here names) is bounded, and when it is full a fresh snapshot is made
 * instead: a cache never changes which lane a request gets, and made-up names cannot crowd out a known lane.
 *
 * <p><b>Metric labels</b> ({@link #label}): a known lane is its own label; anything else is {@value #OTHER}, so values
 * from the wire never create metric series. JDK-only; never throws.
 */
public final class LaneNames {
    public static final int MAX_LENGTH = 64;
    /** The label of every lane that is neither this node's nor named by the rules. */
    public static final String OTHER = "other";
    /** Valid names that are not known lanes and still get a cached snapshot; beyond that, snapshots are made fresh. */
    static final int MAX_UNKNOWN_CACHED = 256;

    private static final String[] ORIGINS = {LaneSnapshot.ORIGIN_RULE, LaneSnapshot.ORIGIN_TRUSTED_HEADER,
            LaneSnapshot.ORIGIN_NODE, LaneSnapshot.ORIGIN_RPC, LaneSnapshot.ORIGIN_MESSAGE, LaneSnapshot.ORIGIN_API};

    private static volatile Known known = new Known(null, Collections.<String>emptySet(), null);
    private static final ConcurrentMap<String, Snapshots> UNKNOWN = new ConcurrentHashMap<String, Snapshots>();

    private LaneNames() {
    }

    /** True when {@code s} is a lane name (see the class comment). */
    public static boolean isValid(String s) {
        int n = s == null ? 0 : s.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** Sets this node's lane ({@code graylane.lane}; null or empty = baseline node). Called once at start-up. */
    public static synchronized void nodeLane(String lane) {
        Known k = known;
        known = new Known(isValid(lane) ? lane : null, k.ruleLanes, k);
    }

    /** Replaces the lanes named by the rules; called each time a rule document is applied. Invalid names are skipped. */
    public static synchronized void ruleLanes(Collection<String> lanes) {
        Known k = known;
        known = new Known(k.nodeLane, lanes == null ? Collections.<String>emptySet() : lanes, k);
    }

    /** True for this node's lane and the lanes the applied rules name. */
    public static boolean isKnown(String lane) {
        return lane != null && known.snapshots.containsKey(lane);
    }

    /** The metric label for {@code lane}: itself when it is known, else {@value #OTHER} (also for null). */
    public static String label(String lane) {
        return isKnown(lane) ? lane : OTHER;
    }

    /**
     * The snapshot of lane {@code lane} with reason {@code origin} (one of the {@code LaneSnapshot.ORIGIN_*} constants
     * is cached; another word gets a fresh snapshot), or null when {@code lane} is not a lane name. Never null for a
     * valid name, whatever was seen before.
     */
    public static LaneSnapshot snapshot(String lane, String origin) {
        if (lane == null) {
            return null;
        }
        Snapshots s = known.snapshots.get(lane);
        if (s == null) {
            s = UNKNOWN.get(lane);
            if (s == null) {
                if (!isValid(lane)) {
                    return null;
                }
                if (UNKNOWN.size() >= MAX_UNKNOWN_CACHED) {
                    return LaneSnapshot.of(lane, origin);
                }
                s = new Snapshots(lane);
                Snapshots raced = UNKNOWN.putIfAbsent(lane, s);
                if (raced != null) {
                    s = raced;
                }
            }
        }
        return s.get(origin);
    }

    /**
     * A lane value read from the wire (header, attachment, message property): null or empty is null (baseline, not
     * counted); a value that is not a lane name is null and counted in {@code invalid} (the value itself is never a
     * label); otherwise its snapshot.
     */
    public static LaneSnapshot fromWire(String value, String origin, Counter invalid) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        LaneSnapshot s = snapshot(value, origin);
        if (s == null && invalid != null) {
            invalid.inc();
        }
        return s;
    }

    /** Valid names without a known lane that hold a cached snapshot (at most {@value #MAX_UNKNOWN_CACHED}). */
    static int unknownCached() {
        return UNKNOWN.size();
    }

    /** The known lanes at one moment: immutable once made. */
    private static final class Known {
        final String nodeLane;
        final Collection<String> ruleLanes;
        final Map<String, Snapshots> snapshots;

        Known(String nodeLane, Collection<String> ruleLanes, Known previous) {
            this.nodeLane = nodeLane;
            this.ruleLanes = Collections.unmodifiableList(new ArrayList<String>(ruleLanes));
            Map<String, Snapshots> m = new HashMap<String, Snapshots>();
            for (String lane : ruleLanes) {
                add(m, lane, previous);
            }
            if (nodeLane != null) {
                add(m, nodeLane, previous);
            }
            this.snapshots = m;
        }

        private static void add(Map<String, Snapshots> m, String lane, Known previous) {
            if (!isValid(lane)) {
                return;
            }
            Snapshots s = previous == null ? null : previous.snapshots.get(lane);
            m.put(lane, s != null ? s : new Snapshots(lane));
        }
    }

    /** One lane's snapshots, one per known origin, made on first use (a benign race: snapshots are immutable). */
    private static final class Snapshots {
        private final String lane;
        private final LaneSnapshot[] byOrigin = new LaneSnapshot[ORIGINS.length];

        Snapshots(String lane) {
            this.lane = lane;
        }

        LaneSnapshot get(String origin) {
            int i = indexOf(origin);
            if (i < 0) {
                return LaneSnapshot.of(lane, origin);
            }
            LaneSnapshot s = byOrigin[i];
            if (s == null) {
                s = LaneSnapshot.of(lane, origin);
                byOrigin[i] = s;
            }
            return s;
        }

        private static int indexOf(String origin) {
            for (int i = 0; i < ORIGINS.length; i++) {
                if (ORIGINS[i] == origin) {
                    return i;
                }
            }
            for (int i = 0; i < ORIGINS.length; i++) {
                if (ORIGINS[i].equals(origin)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
