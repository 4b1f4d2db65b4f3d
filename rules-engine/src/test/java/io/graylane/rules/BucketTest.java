package io.graylane.rules;

import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.HashMode;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
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

    private static RuleDocument grayAtRate(int rate, String salt) throws RuleValidationException {
        return RuleDocuments.parse("{\"version\":\"" + rate + "\",\"lanes\":{\"gray\":{\"bucket\":"
                + "{\"key\":\"userId\",\"rate\":" + rate + ",\"salt\":\"" + salt + "\"}}}}");
    }

    /** The users a document puts in the gray lane, out of user-0 … user-(n-1). */
    private static BitSet grayUsers(RuleDocument d, int n) {
        BitSet in = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if ("gray".equals(d.decideLane(Attributes.of("userId", "user-" + i)))) {
                in.set(i);
            }
        }
        return in;
    }

    /** Users in {@code before} that are missing from {@code after}. */
    private static int dropped(BitSet before, BitSet after) {
        BitSet lost = (BitSet) before.clone();
        lost.andNot(after);
        return lost.cardinality();
    }

    @Test
    void raisingTheRateOnlyAddsUsers() throws RuleValidationException {
        int n = 20_000;
        BitSet previous = grayUsers(grayAtRate(0, "s1"), n);
        assertEquals(0, previous.cardinality());
        for (int rate = 1000; rate <= 10_000; rate += 1000) {
            BitSet now = grayUsers(grayAtRate(rate, "s1"), n);
            assertEquals(0, dropped(previous, now), "users in gray at " + (rate - 1000) + " left it at " + rate);
            assertTrue(now.cardinality() > previous.cardinality(), "raising the rate to " + rate + " added nobody");
            previous = now;
        }
        assertEquals(n, previous.cardinality());
    }

    @Test
    void theOnlyAddsUsersCheckCanFail() throws RuleValidationException {
        // publishing the wider rate with another salt reshuffles the slice: the same check must see users leave
        BitSet at20 = grayUsers(grayAtRate(2000, "s1"), 20_000);
        BitSet at30OtherSalt = grayUsers(grayAtRate(3000, "s2"), 20_000);
        assertTrue(dropped(at20, at30OtherSalt) > 1000, "dropped " + dropped(at20, at30OtherSalt));
    }

    /** Chi-square of the 10×10 table (decile of a's bucket × decile of b's bucket) over n users; df = 81. */
    private static double decileContingency(BucketHasher a, BucketHasher b, int n) {
        int[][] table = new int[10][10];
        for (int i = 0; i < n; i++) {
            table[a.bucketOf("user-" + i) / 1000][b.bucketOf("user-" + i) / 1000]++;
        }
        double expected = n / 100.0;
        double chi = 0;
        for (int[] row : table) {
            for (int c : row) {
                chi += (c - expected) * (c - expected) / expected;
            }
        }
        return chi;
    }

    private static boolean independent(double contingencyChi) {
        return contingencyChi < 81 + 5 * Math.sqrt(162); // df = 81, sd ~12.7; accept < mean + 5 sd
    }

    @Test
    void saltsAreIndependent() {
        BucketHasher a = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        BucketHasher b = new BucketHasher("userId", "checkout", HashMode.MURMUR3);
        int n = 200_000;
        double chi = decileContingency(a, b, n);
        assertTrue(independent(chi), "contingency chi-square " + chi);
        int both = 0;
        for (int i = 0; i < n; i++) {
            if (a.bucketOf("user-" + i) < 3000 && b.bucketOf("user-" + i) < 3000) {
                both++;
            }
        }
        // 30 % in both ≈ 9 % of users (binomial sd ~128); allow 5 sd
        assertTrue(Math.abs(both - 0.09 * n) < 640, "in both 30 % slices: " + both);
    }

    @Test
    void theIndependenceCheckCanFail() {
        // the same salt under another lane object is fully dependent, and the same table statistic must say so
        BucketHasher a = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        BucketHasher sameSalt = new BucketHasher("userId", "gray", HashMode.MURMUR3);
        double chi = decileContingency(a, sameSalt, 200_000);
        assertFalse(independent(chi), "contingency chi-square " + chi + " should flag dependent salts");
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
