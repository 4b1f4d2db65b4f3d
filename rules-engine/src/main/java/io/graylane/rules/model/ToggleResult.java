package io.graylane.rules.model;

/** The explained outcome of one toggle evaluation (for the CLI and tests; allocates). */
public final class ToggleResult {
    private final String toggle;
    private final HitReason reason;
    private final int rule;
    private final int bucket;
    private final String detail;

    public ToggleResult(String toggle, HitReason reason, int rule, int bucket, String detail) {
        this.toggle = toggle;
        this.reason = reason;
        this.rule = rule;
        this.bucket = bucket;
        this.detail = detail;
    }

    public String toggle() {
        return toggle;
    }

    public boolean hit() {
        return reason.hit();
    }

    public HitReason reason() {
        return reason;
    }

    /** The index of the rule that matched, or -1. */
    public int rule() {
        return rule;
    }

    /** The request's bucket 0..9999, or -1 when not computed (no bucket, or no key). */
    public int bucket() {
        return bucket;
    }

    /** One human-readable sentence saying what decided. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return toggle + ": " + (hit() ? "HIT" : "miss") + " (" + reason + ") " + detail;
    }
}
