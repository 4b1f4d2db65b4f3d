package io.graylane.rules;

import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.HashMode;
import org.junit.jupiter.api.Test;

import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uniformity (chi-square), stickiness, salt independence and the rate contract. */
class BucketTest {
    private static final int BUCKETS = 10_000;

    /**
     * Chi-square statistic over the 10,000 buckets for n keys. With 9,999 degrees of freedom the
     * statistic has mean 9,999 and standard deviation ~141; we accept within 5 standard deviations.
     */
    private static double chiSquare(int n, ToIntFunction<String> bucketOf) {
        int[] counts = new int[BUCKETS];
        for (int i = 0; i < n; i++) {
            counts[bucketOf.applyAsInt("user-" + i)]++;
        }
        double expected = (double) n / BUCKETS;
        double chi = 0;
        for (int c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    private static boolean uniform(double chi) {
        double df = BUCKETS - 1;
        return Math.abs(chi - df) < 5 * Math.sqrt(2 * df);
    }

    @Test
    void bucketsAreUniform() {
        BucketHasher h = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        double chi = chiSquare(1_000_000, h::bucketOf);
        assertTrue(uniform(chi), "chi-square " + chi);
        BucketHasher seed = new BucketHasher("userId", "", HashMode.GUAVA_CONSISTENT_HASH);
        double chiSeed = chiSquare(500_000, seed::bucketOf);
        assertTrue(uniform(chiSeed), "seed mode chi-square " + chiSeed);
    }

    @Test
    void theUniformityCheckCanFail() {
        // a poor bucket function (string hashCode of sequential ids, mod 10000) must be caught
        double chi = chiSquare(1_000_000, k -> Math.floorMod(k.hashCode(), BUCKETS));
        assertFalse(uniform(chi), "chi-square " + chi + " should flag a skewed function");
        double chiLen = chiSquare(100_000, k -> k.length() * 100);
        assertFalse(uniform(chiLen));
    }

    @Test
    void sticky() throws RuleValidationException {
        String json = "{\"version\":\"1\",\"lanes\":{\"gray\":{\"bucket\":{\"key\":\"userId\",\"rate\":3000,\"salt\":\"s1\"}}}}";
        RuleDocument a = RuleDocuments.parse(json);
        RuleDocument b = RuleDocuments.parse(json.replace("\"1\"", "\"2\"")); // another load, same rule
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            AttributeSource attrs = Attributes.of("userId", "user-" + i);
            String lane = a.decideLane(attrs);
            assertEquals(lane, a.decideLane(attrs));
            assertEquals(lane, b.decideLane(attrs));
            if (lane != null) {
                hits++;
            }
        }
        // 30 % of 100,000: binomial sd ~145; allow 5 sd
        assertTrue(Math.abs(hits - 30_000) < 725, "hits " + hits);
    }

    @Test
    void raisingTheRateOnlyAddsUsers() {
        BucketHasher h = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        for (int i = 0; i < 50_000; i++) {
            int b = h.bucketOf("user-" + i);
            for (int rate = 0; rate <= BUCKETS; rate += 500) {
                boolean hit = b < rate;
                boolean hitAtNext = b < rate + 500;
                assertTrue(!hit || hitAtNext, "a user hit at " + rate + " must stay hit when the rate grows");
            }
        }
    }

    @Test
    void saltsAreIndependent() {
        BucketHasher a = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        BucketHasher b = new BucketHasher("userId", "checkout", HashMode.MURMUR3);
        int n = 200_000;
        int[][] table = new int[10][10]; // decile of a × decile of b
        int both = 0;
        for (int i = 0; i < n; i++) {
            int ba = a.bucketOf("user-" + i);
            int bb = b.bucketOf("user-" + i);
            table[ba / 1000][bb / 1000]++;
            if (ba < 3000 && bb < 3000) {
                both++;
            }
        }
        // independence: chi-square on the 10×10 contingency table, df = 81 (sd ~12.7); accept < 81 + 5 sd
        double expected = n / 100.0;
        double chi = 0;
        for (int[] row : table) {
            for (int c : row) {
                chi += (c - expected) * (c - expected) / expected;
            }
        }
        assertTrue(chi < 81 + 5 * Math.sqrt(162), "contingency chi-square " + chi);
        // 30 % in both ≈ 9 % of users (binomial sd ~128); allow 5 sd
        assertTrue(Math.abs(both - 0.09 * n) < 640, "in both 30 % slices: " + both);
        // and the same salt is fully dependent (the check can fail)
        int same = 0;
        for (int i = 0; i < 10_000; i++) {
            if (a.bucketOf("user-" + i) / 1000 == a.bucketOf("user-" + i) / 1000) {
                same++;
            }
        }
        assertEquals(10_000, same);
    }

    @Test
    void missingKeyNeverHitsButRateBoundsAreAbsolute() throws RuleValidationException {
        RuleDocument d = RuleDocuments.parse("{\"version\":\"1\",\"scenes\":{"
                + "\"r1\":{\"bucket\":{\"key\":\"userId\",\"rate\":9999}},"
                + "\"r0\":{\"bucket\":{\"key\":\"userId\",\"rate\":0}},"
                + "\"all\":{\"bucket\":{\"key\":\"userId\",\"rate\":10000}}}}");
        assertFalse(d.hitGray("r1", AttributeSource.EMPTY));
        assertTrue(d.hitGray("all", AttributeSource.EMPTY));
        for (int i = 0; i < 10_000; i++) {
            assertFalse(d.hitGray("r0", Attributes.of("userId", "u" + i)));
            assertTrue(d.hitGray("all", Attributes.of("userId", "u" + i)));
        }
    }
}
