package io.graylane.rules.model;

import io.graylane.rules.AttributeSource;

/**
 * Percentage gate: {@code rate} r of 10,000 hits buckets 0..r-1. Rate 0 hits nobody; rate 10000 hits
 * everyone (the key is not consulted). Otherwise a request without the key attribute (absent or empty)
 * never hits: there is no random fallback. Immutable.
 */
public final class Bucket {
    private final BucketHasher hasher;
    private final int rate;

    public Bucket(BucketHasher hasher, int rate) {
        this.hasher = hasher;
        this.rate = rate;
    }

    public boolean hits(AttributeSource attrs) {
        if (rate >= BucketHasher.BUCKETS) {
            return true;
        }
        if (rate <= 0) {
            return false;
        }
        int b = hasher.bucketOf(attrs);
        return b >= 0 && b < rate;
    }

    public BucketHasher hasher() {
        return hasher;
    }

    public int rate() {
        return rate;
    }
}
