package io.graylane.rules.model;

/** Why a toggle hit or missed. */
public enum HitReason {
    /** Hit: the request's subject value is on the whitelist. */
    WHITELIST(true),
    /** Hit: the toggle is fully gray. */
    FULL_GRAY(true),
    /** Hit: a rule matched (or there are no rules but a bucket) and the bucket hit (or there is no bucket). */
    MATCHED(true),
    /** Miss: the toggle is disabled. */
    DISABLED(false),
    /** Miss: no rule matched. */
    NO_RULE_MATCHED(false),
    /** Miss: not whitelisted, and the toggle has neither rules nor a bucket (only its whitelist hits). */
    NO_RULES(false),
    /** Miss: the key attribute is absent or empty (and 0 &lt; rate &lt; 10000). */
    NO_BUCKET_KEY(false),
    /** Miss: the request's bucket is not below the rate. */
    BUCKET_MISS(false);

    private final boolean hit;

    HitReason(boolean hit) {
        this.hit = hit;
    }

    public boolean hit() {
        return hit;
    }
}
