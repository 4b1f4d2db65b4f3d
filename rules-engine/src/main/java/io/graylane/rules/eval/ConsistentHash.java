package io.graylane.rules.eval;

/**
 * Jump-style consistent hash with the same linear congruential generator as Guava's
 * {@code Hashing.consistentHash(long, int)}, so buckets assigned by the seed platform
 * ({@code consistentHash(murmur3_32(key), 10000)}) can be reproduced exactly.
 */
public final class ConsistentHash {
    private ConsistentHash() {
    }

    public static int bucket(long input, int buckets) {
        long state = input;
        int candidate = 0;
        while (true) {
            state = 2862933555777941757L * state + 1;
            double next = ((double) ((int) (state >>> 33) + 1)) / 0x1.0p31;
            int n = (int) ((candidate + 1) / next);
            if (n >= 0 && n < buckets) {
                candidate = n;
            } else {
                return candidate;
            }
        }
    }
}
