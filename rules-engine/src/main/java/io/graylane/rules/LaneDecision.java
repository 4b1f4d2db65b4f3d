package io.graylane.rules;

import io.graylane.rules.model.ToggleResult;

import java.util.List;

/** The explained lane decision: the lane (null = baseline) and each lane tried, in order. */
public final class LaneDecision {
    private final String lane;
    private final List<ToggleResult> tried;

    public LaneDecision(String lane, List<ToggleResult> tried) {
        this.lane = lane;
        this.tried = tried;
    }

    /** The lane, or null for baseline. */
    public String lane() {
        return lane;
    }

    public boolean baseline() {
        return lane == null;
    }

    /** Every lane evaluated, in priority order, up to and including the one that hit. */
    public List<ToggleResult> tried() {
        return tried;
    }

    @Override
    public String toString() {
        return "lane=" + (lane == null ? "<baseline>" : lane) + " " + tried;
    }
}
