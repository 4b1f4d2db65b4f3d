package io.graylane.bootstrap.jobs;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What LTS advice needs and cannot get from the agent core: this node's lane and strict mode, and on the JobTracker
 * the lane of every TaskTracker that pulls jobs, so that the job a TaskTracker is handed is one of its lane. JDK-only;
 * the LTS plugin configures it at start. Never throws to its callers' callers (advice suppresses Throwable too).
 *
 * <p><b>Dispatch rule</b> ({@link #takes}), applied by the JobTracker each time it hands a job to a pulling TaskTracker:
 * a TaskTracker of lane L takes only jobs of lane L; a baseline TaskTracker takes baseline jobs, and jobs of a lane that
 * has no TaskTracker of the job's node group alive (unless strict). A job's lane is its {@value #LANE_PARAM} parameter
 * (realtime and trigger-time jobs submitted in a lane); cron and repeat jobs have none and run on baseline.
 *
 * <p>A TaskTracker is alive in a lane from its first pull that carries the lane until it leaves LTS's registry. The
 * table is bounded ({@value #MAX_TRACKERS} TaskTrackers; beyond that a new one counts as baseline).
 */
public final class JobLanes {
    /** The job parameter (and pull-request parameter) that carries a lane. */
    public static final String LANE_PARAM = "graylane.lane";
    public static final String BASELINE = "baseline";
    static final int MAX_TRACKERS = 4096;

    /** Told when the JobTracker learns or forgets a TaskTracker's lane (for the agent's log). */
    public interface Listener {
        void trackerLane(String nodeGroup, String identity, String lane);

        void trackerGone(String nodeGroup, String identity, String lane);
    }

    private static volatile String nodeLane;
    private static volatile boolean strict;
    private static volatile Listener listener;
    /** Task id → lane of scheduled (cron/repeat) jobs, from the rule document's {@code jobs}; null: all baseline. */
    private static volatile java.util.function.Function<String, String> scheduledLanes;

    /** node group → TaskTracker identity → its lane ("" baseline). */
    private static final ConcurrentMap<String, ConcurrentMap<String, String>> TRACKERS =
            new ConcurrentHashMap<String, ConcurrentMap<String, String>>();
    private static final java.util.concurrent.atomic.AtomicInteger TRACKER_COUNT =
            new java.util.concurrent.atomic.AtomicInteger();
    /** The take in progress on this thread: {node group, lane of the TaskTracker or null}. */
    private static final ThreadLocal<String[]> TAKE = new ThreadLocal<String[]>();

    private static final ConcurrentMap<String, Counter> SUBMITTED = new ConcurrentHashMap<String, Counter>();
    private static final ConcurrentMap<String, Counter> RUN = new ConcurrentHashMap<String, Counter>();
    private static final ConcurrentMap<String, Counter> CRON_RUN = new ConcurrentHashMap<String, Counter>();
    private static final ConcurrentMap<String, Counter> FALLBACK = new ConcurrentHashMap<String, Counter>();
    private static final ConcurrentMap<String, Counter> REFUSED = new ConcurrentHashMap<String, Counter>();

    private JobLanes() {
    }

    /** Called once by the LTS plugin. {@code lane} null or empty = baseline node. */
    public static void configure(String lane, boolean strictMode, Listener l) {
        nodeLane = lane == null || lane.isEmpty() ? null : lane;
        strict = strictMode;
        listener = l;
    }

    /** This node's lane, or null on a baseline node. */
    public static String nodeLane() {
        return nodeLane;
    }

    public static boolean strict() {
        return strict;
    }

    /** Installs the rule document's task id → lane mapping of scheduled jobs (null: every one on baseline). */
    public static void scheduledLanes(java.util.function.Function<String, String> laneOfTask) {
        scheduledLanes = laneOfTask;
    }

    /**
     * The lane of a job in the JobTracker's queue: its {@value #LANE_PARAM} parameter; for a cron or repeat job without
     * one, the lane the rules assign to its task id; else null (baseline).
     */
    public static String laneOf(String paramLane, String taskId, String cronExpression, Long repeatInterval) {
        if (paramLane != null) {
            return paramLane;
        }
        boolean scheduled = (cronExpression != null && cronExpression.trim().length() > 0)
                || (repeatInterval != null && repeatInterval > 0);
        java.util.function.Function<String, String> f = scheduledLanes;
        return scheduled && f != null ? f.apply(taskId) : null;
    }

    // ---- JobTracker: who pulls in which lane

    /** A pull request of TaskTracker {@code identity} of {@code nodeGroup}; {@code lane} what it carried (null: none). */
    public static void pulled(String nodeGroup, String identity, Object lane) {
        if (nodeGroup == null || identity == null) {
            return;
        }
        String l = lane instanceof String && LaneNames.isValid((String) lane) ? (String) lane : "";
        ConcurrentMap<String, String> group = TRACKERS.get(nodeGroup);
        if (group == null) {
            if (TRACKER_COUNT.get() >= MAX_TRACKERS) {
                return;
            }
            group = new ConcurrentHashMap<String, String>();
            ConcurrentMap<String, String> raced = TRACKERS.putIfAbsent(nodeGroup, group);
            if (raced != null) {
                group = raced;
            }
        }
        String before = group.get(identity);
        if (l.equals(before)) {
            return;
        }
        if (before == null && TRACKER_COUNT.incrementAndGet() > MAX_TRACKERS) {
            TRACKER_COUNT.decrementAndGet();
            return;
        }
        group.put(identity, l);
        Listener li = listener;
        if (li != null) {
            li.trackerLane(nodeGroup, identity, l.isEmpty() ? null : l);
        }
    }

    /** TaskTracker {@code identity} left LTS's registry (stopped or its session expired). */
    public static void trackerGone(String nodeGroup, String identity) {
        if (nodeGroup == null || identity == null) {
            return;
        }
        ConcurrentMap<String, String> group = TRACKERS.get(nodeGroup);
        String lane = group == null ? null : group.remove(identity);
        if (lane != null) {
            TRACKER_COUNT.decrementAndGet();
            Listener li = listener;
            if (li != null) {
                li.trackerGone(nodeGroup, identity, lane.isEmpty() ? null : lane);
            }
        }
    }

    /** True when a TaskTracker of {@code nodeGroup} pulls in {@code lane}. */
    public static boolean laneAlive(String nodeGroup, String lane) {
        ConcurrentMap<String, String> group = TRACKERS.get(nodeGroup);
        return group != null && lane != null && group.containsValue(lane);
    }

    /** Start of the JobTracker's take of one job for TaskTracker {@code identity} of {@code nodeGroup}. */
    public static void beginTake(String nodeGroup, String identity) {
        ConcurrentMap<String, String> group = nodeGroup == null ? null : TRACKERS.get(nodeGroup);
        String lane = group == null || identity == null ? null : group.get(identity);
        TAKE.set(new String[]{nodeGroup, lane == null || lane.isEmpty() ? null : lane});
    }

    /** End of the take; {@code takenLane} the lane of the job handed out (null: baseline or none). */
    public static void endTake(boolean taken, String takenLane) {
        String[] t = TAKE.get();
        TAKE.remove();
        if (taken && t != null && t[1] == null && takenLane != null && LaneNames.isValid(takenLane)) {
            counter(FALLBACK, "graylane_lts_jobs_fallback_total",
                    "jobs of a lane handed to a baseline TaskTracker (no TaskTracker of the lane alive in the node group)",
                    takenLane).inc();
        }
    }

    /** True while a take is in progress on this thread (only then does the job queue filter). */
    public static boolean taking() {
        return TAKE.get() != null;
    }

    /**
     * During a take: true when the TaskTracker being served may run a job of lane {@code jobLane} (its
     * {@value #LANE_PARAM} parameter; null or not a lane name = baseline).
     */
    public static boolean takes(String jobLane) {
        String[] t = TAKE.get();
        if (t == null) {
            return true;
        }
        String lane = jobLane != null && LaneNames.isValid(jobLane) ? jobLane : null;
        String trackerLane = t[1];
        if (trackerLane != null) {
            return trackerLane.equals(lane);
        }
        if (lane == null) {
            return true;
        }
        if (laneAlive(t[0], lane)) {
            return false;
        }
        if (strict) {
            counter(REFUSED, "graylane_lts_jobs_held_strict_total",
                    "times a baseline TaskTracker was not handed a job of a lane with no TaskTracker alive (strict)",
                    lane).inc();
            return false;
        }
        return true;
    }

    // ---- metrics of the JobClient and TaskTracker

    /** A job submitted by this JobClient in {@code lane} (null: baseline). */
    public static void submitted(String lane) {
        counter(SUBMITTED, "graylane_lts_jobs_submitted_total", "jobs submitted per lane they were submitted in",
                lane).inc();
    }

    /** A job about to run on this TaskTracker in {@code lane} (null: baseline); {@code cron} for cron/repeat fires. */
    public static void run(String lane, boolean cron) {
        counter(RUN, "graylane_lts_jobs_run_total", "jobs run on this TaskTracker per lane they ran in", lane).inc();
        if (cron) {
            counter(CRON_RUN, "graylane_lts_cron_fires_run_total",
                    "cron and repeat job fires run on this TaskTracker per lane they ran in", lane).inc();
        }
    }

    private static Counter counter(ConcurrentMap<String, Counter> cache, String name, String help, String lane) {
        String label = lane == null ? BASELINE : LaneNames.label(lane);
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

    /** For tests: forget every TaskTracker. */
    static void reset() {
        TRACKERS.clear();
        TRACKER_COUNT.set(0);
    }

    static Map<String, ConcurrentMap<String, String>> trackers() {
        return TRACKERS;
    }
}
