package io.graylane.rules;

import com.google.common.hash.Hashing;
import io.graylane.rules.eval.ConsistentHash;
import io.graylane.rules.eval.Murmur3;
import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.HashMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written murmur3 and consistent hash equal Guava's on random input, including non-ASCII. */
class HashTest {
    private static final int[][] RANGES = {
            {0x20, 0x7e},        // ASCII
            {0x80, 0x7ff},       // 2-byte UTF-8 (Latin-1, Greek, Cyrillic, ...)
            {0x4e00, 0x9fff},    // CJK, 3 bytes
            {0x1f300, 0x1faff},  // emoji, surrogate pairs, 4 bytes
            {0xd800, 0xdfff},    // unpaired surrogates
    };

    static String randomText(Random r, int maxLen, boolean bmpOnly) {
        int len = r.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < len) {
            int[] range = RANGES[r.nextInt(bmpOnly ? 3 : RANGES.length)];
            int cp = range[0] + r.nextInt(range[1] - range[0] + 1);
            if (cp >= 0xd800 && cp <= 0xdfff) {
                sb.append((char) cp);
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    @Test
    void murmur3EqualsGuavaFixedOnRandomText() {
        Random r = new Random(20240601L);
        for (int i = 0; i < 50_000; i++) {
            String salt = randomText(r, 8, false);
            String key = randomText(r, 24, false);
            int expected = Hashing.murmur3_32_fixed().hashString(salt + ":" + key, StandardCharsets.UTF_8).asInt();
            int actual = Murmur3.hash((salt + ":").getBytes(StandardCharsets.UTF_8), key);
            assertEquals(expected, actual, () -> "salt=" + escape(salt) + " key=" + escape(key));
            assertEquals(Hashing.murmur3_32_fixed().hashString(key, StandardCharsets.UTF_8).asInt(), Murmur3.hash(key));
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void legacyGuavaMurmur3AgreesOnBmpText() {
        Random r = new Random(7L);
        for (int i = 0; i < 20_000; i++) {
            String key = randomText(r, 24, true);
            assertEquals(Hashing.murmur3_32().hashString(key, StandardCharsets.UTF_8).asInt(), Murmur3.hash(key));
        }
    }

    @Test
    void consistentHashEqualsGuava() {
        Random r = new Random(99L);
        for (int i = 0; i < 50_000; i++) {
            long input = r.nextLong();
            assertEquals(Hashing.consistentHash(input, 10_000), ConsistentHash.bucket(input, 10_000));
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void seedPlatformAssignmentIsReproduced() {
        BucketHasher seed = new BucketHasher("userId", "ignored", HashMode.GUAVA_CONSISTENT_HASH);
        Random r = new Random(3L);
        for (int i = 0; i < 20_000; i++) {
            String key = randomText(r, 16, true);
            int expected = Hashing.consistentHash(Hashing.murmur3_32().hashString(key, StandardCharsets.UTF_8), 10_000);
            assertEquals(expected, seed.bucketOf(key), () -> escape(key));
        }
    }

    @Test
    void murmur3BucketIsUnsignedModulo() {
        BucketHasher h = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        Random r = new Random(5L);
        for (int i = 0; i < 20_000; i++) {
            String key = randomText(r, 16, false);
            int hash = Hashing.murmur3_32_fixed().hashString("gray:" + key, StandardCharsets.UTF_8).asInt();
            assertEquals((int) (Integer.toUnsignedLong(hash) % 10_000), h.bucketOf(key));
        }
    }

    /** Pinned values: a change of hashing would move every user between lanes. */
    @Test
    void pinnedBuckets() {
        BucketHasher h = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"u1", "u2", "user-42", "张三", "😀"}) {
            sb.append(k).append('=').append(h.bucketOf(k)).append(' ');
        }
        assertEquals(PINNED, sb.toString().trim());
    }

    static final String PINNED = "u1=750 u2=9786 user-42=7093 张三=6371 😀=4874";

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x7f && c >= 0x20 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }
}
