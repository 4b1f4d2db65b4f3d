package io.graylane.bootstrap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable lane context value: the lane a piece of work belongs to, why it got it, and the request attributes the
 * rules saw when the lane was decided. Captured at submit time and re-activated on other threads; never mutated.
 */
public final class LaneSnapshot {
    /** Where a lane came from: the reason recorded in metrics and shown in the admin endpoint. */
    public static final String ORIGIN_RULE = "rule";
    public static final String ORIGIN_TRUSTED_HEADER = "trusted-header";
    public static final String ORIGIN_NODE = "node";
    public static final String ORIGIN_RPC = "rpc";
    public static final String ORIGIN_MESSAGE = "message";
    public static final String ORIGIN_API = "api";

    private final String lane;
    private final String origin;
    private final Map<String, String> attributes;

    private LaneSnapshot(String lane, String origin, Map<String, String> attributes) {
        this.lane = lane;
        this.origin = origin;
        this.attributes = attributes;
    }

    /**
     * @param lane the lane name; must not be empty (baseline is the absence of a snapshot)
     * @param origin one of the {@code ORIGIN_*} constants or another short word
     * @param attributes the attributes the rules saw; copied, may be null
     */
    public static LaneSnapshot of(String lane, String origin, Map<String, String> attributes) {
        if (lane == null || lane.isEmpty()) {
            throw new IllegalArgumentException("a lane snapshot needs a non-empty lane name");
        }
        Map<String, String> copy = attributes == null || attributes.isEmpty()
                ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<String, String>(attributes));
        return new LaneSnapshot(lane, origin == null ? ORIGIN_API : origin, copy);
    }

    public static LaneSnapshot of(String lane, String origin) {
        return of(lane, origin, null);
    }

    public String lane() {
        return lane;
    }

    public String origin() {
        return origin;
    }

    /** Unmodifiable. */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "LaneSnapshot{lane=" + lane + ", origin=" + origin + ", attributes=" + attributes.keySet() + '}';
    }
}
