package io.graylane.rules.model;

import io.graylane.rules.AttributeSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Named, non-overlapping bucket ranges of a scene (A: 0–4999, B: 5000–9999). Immutable. */
public final class Experiment {
    private final BucketHasher hasher;
    private final String[] names;
    private final int[] from;
    private final int[] to;

    public Experiment(BucketHasher hasher, List<String> names, int[] from, int[] to) {
        this.hasher = hasher;
        this.names = names.toArray(new String[0]);
        this.from = from.clone();
        this.to = to.clone();
    }

    /** The group of the request's bucket, or null (no key, or a bucket outside every group). */
    public String group(AttributeSource attrs) {
        int b = hasher.bucketOf(attrs);
        return b < 0 ? null : groupOfBucket(b);
    }

    public String groupOfBucket(int b) {
        for (int i = 0; i < names.length; i++) {
            if (b >= from[i] && b <= to[i]) {
                return names[i];
            }
        }
        return null;
    }

    public BucketHasher hasher() {
        return hasher;
    }

    public List<String> groupNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }
}
