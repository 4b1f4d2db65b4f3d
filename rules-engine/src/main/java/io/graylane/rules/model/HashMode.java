package io.graylane.rules.model;

/** How a bucket number 0..9999 is derived from the key attribute. */
public enum HashMode {
    /** murmur3_32 (x86, seed 0) of the UTF-8 bytes of {@code salt + ":" + key}, as unsigned, mod 10,000. */
    MURMUR3,
    /**
     * The seed platform's assignment, for teams migrating from it: Guava
     * {@code Hashing.consistentHash(murmur3_32(key), 10000)} (no salt). Identical to Guava's
     * {@code murmur3_32_fixed}; the legacy {@code murmur3_32()} differs only for text with characters
     * outside the Basic Multilingual Plane.
     */
    GUAVA_CONSISTENT_HASH
}
