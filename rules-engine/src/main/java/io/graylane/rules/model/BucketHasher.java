package io.graylane.rules.model;

import io.graylane.rules.eval.ConsistentHash;
import io.graylane.rules.eval.Murmur3;

import java.nio.charset.StandardCharsets;

/** Maps a key attribute to a sticky bucket 0..9999. Immutable. */
public final class BucketHasher {
    public static final int BUCKETS = 10_000;

    private final String key;
    private final String salt;
    private final HashMode mode;
    private final byte[] prefix;
    private final long prefixState;

    public BucketHasher(String key, String salt, HashMode mode) {
        this.key = key;
        this.salt = salt;
        this.mode = mode;
        this.prefix = mode == HashMode.MURMUR3 ? (salt + ":").getBytes(StandardCharsets.UTF_8) : new byte[0];
        this.prefixState = Murmur3.prefix(prefix);
    }

    /** The bucket of a key value (not null). */
    public int bucketOf(String keyValue) {
        int h = Murmur3.hash(prefixState, prefix, keyValue);
        if (mode == HashMode.MURMUR3) {
            return Integer.remainderUnsigned(h, BUCKETS);
        }
        return ConsistentHash.bucket(h & 0xffffffffL, BUCKETS);
    }

    /** The bucket of the request, or -1 when the key attribute is absent or empty. */
    public int bucketOf(io.graylane.rules.AttributeSource attrs) {
        String v = attrs.get(key);
        if (v == null || v.isEmpty()) {
            return -1;
        }
        return bucketOf(v);
    }

    public String key() {
        return key;
    }

    public String salt() {
        return salt;
    }

    public HashMode mode() {
        return mode;
    }
}
