package io.graylane.rules;

import io.graylane.rules.model.SegmentCondition;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SEGMENT integers and ranges cover the whole signed 64-bit range (snowflake ids); beyond it they are rejected. */
class SegmentLongRangeTest {

    private static RuleDocument segment(String objects) throws RuleValidationException {
        return RuleDocuments.parse("{\"version\":\"1\",\"lanes\":{\"gray\":{\"rules\":[{\"conditions\":["
                + "{\"type\":\"SEGMENT\",\"subject\":\"uid\",\"predicate\":\"IN\",\"objects\":[" + objects + "]}]}]}}}");
    }

    private static boolean in(RuleDocument d, String uid) {
        return "gray".equals(d.decideLane(Attributes.of("uid", uid)));
    }

    @Test
    void nineteenDigitBoundsAreRanges() throws Exception {
        RuleDocument d = segment("\"0-9223372036854775806\"");
        assertTrue(in(d, "5"));
        assertTrue(in(d, "1234567890123456789"));
        assertTrue(in(d, "9223372036854775806"));
        assertFalse(in(d, "9223372036854775807"));
        assertFalse(in(d, "-1"));
        assertFalse(in(d, "99999999999999999999"));
    }

    @Test
    void snowflakeRangeAndTheLongExtremes() throws Exception {
        RuleDocument d = segment("\"1400000000000000000-1499999999999999999\"");
        assertTrue(in(d, "1412345678901234567"));
        assertTrue(in(d, "01412345678901234567"));
        assertFalse(in(d, "1512345678901234567"));
        RuleDocument all = segment("\"-9223372036854775808-9223372036854775807\"");
        assertTrue(in(all, "-9223372036854775808"));
        assertTrue(in(all, "9223372036854775807"));
        assertTrue(in(all, "000000000000000000000042"));
        assertFalse(in(all, "9223372036854775808"));
        assertFalse(in(all, "-9223372036854775809"));
    }

    @Test
    void aNineteenDigitIntegerIsANumberNotText() throws Exception {
        RuleDocument d = segment("\"1234567890123456789\", 1234567890123456788");
        assertTrue(in(d, "1234567890123456789"));
        assertTrue(in(d, "01234567890123456789"));
        assertTrue(in(d, "1234567890123456788"));
    }

    @Test
    void boundsBeyondSixtyFourBitsAreRejected() {
        RuleValidationException e = assertThrows(RuleValidationException.class,
                () -> segment("\"0-9223372036854775808\", \"99999999999999999999\""));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("lanes.gray.rules[0].conditions[0].objects[0]: \"0-9223372036854775808\""),
                e.problems().toString());
        assertTrue(e.problems().get(0).contains("-9223372036854775808..9223372036854775807"), e.problems().toString());
        assertTrue(e.problems().get(1).contains("STRING"), e.problems().toString());
    }

    @Test
    void requestIntegersAgreeWithBigInteger() {
        BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        Random r = new Random(19L);
        String[] edges = {"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "0009223372036854775807", "-0", "0", "00", "-", "", "+5", "1 ", "99999999999999999999"};
        for (int i = 0; i < 20_000 + edges.length; i++) {
            String t;
            if (i < edges.length) {
                t = edges[i];
            } else {
                StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
                for (int z = r.nextInt(3); z > 0; z--) {
                    b.append('0');
                }
                b.append(new BigInteger(r.nextInt(70) + 1, r));
                t = b.toString();
            }
            boolean expected = t.matches("-?\\d+") && new BigInteger(t).compareTo(min) >= 0 && new BigInteger(t).compareTo(max) <= 0;
            assertEquals(expected, SegmentCondition.isInteger(t), t);
            if (expected) {
                assertEquals(new BigInteger(t).longValue(), SegmentCondition.parseLong(t), t);
            }
        }
    }
}
