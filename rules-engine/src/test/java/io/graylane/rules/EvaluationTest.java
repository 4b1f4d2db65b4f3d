package io.graylane.rules;

import io.graylane.rules.model.ConfigValues;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    static final String BENCH_RULE = "{\"version\":\"1\",\"lanes\":{\"gray\":{"
            + "\"rules\":[{\"conditions\":["
            + "{\"type\":\"STRING\",\"subject\":\"region\",\"predicate\":\"IN\",\"objects\":[\"eu-west\",\"eu-north\",\"us-east\"]},"
            + "{\"type\":\"VERSION\",\"subject\":\"appVersion\",\"predicate\":\"GT\",\"objects\":[\"2.3.0\"]},"
            + "{\"type\":\"NUMBER\",\"subject\":\"level\",\"predicate\":\"GTE\",\"objects\":[2.5]},"
            + "{\"type\":\"SEGMENT\",\"subject\":\"ip\",\"predicate\":\"IN\",\"objects\":[\"10.0.0.0/8\",\"2001:db8::/32\",\"100-200\"]}]}],"
            + "\"bucket\":{\"key\":\"userId\",\"rate\":3000}}}}";

    /** A fixed-slot attribute source, as the agent would use: no map, no allocation. */
    static final class Slots implements AttributeSource {
        String userId;
        String ip;

        @Override
        public String get(String name) {
            switch (name) {
                case "userId":
                    return userId;
                case "region":
                    return "eu-north";
                case "appVersion":
                    return "2.10.1";
                case "level":
                    return "3";
                case "ip":
                    return ip;
                default:
                    return null;
            }
        }
    }

    @Test
    void decideLaneAllocatesNothing() throws RuleValidationException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RuleDocument doc = RuleDocuments.parse(BENCH_RULE);
        String[] users = new String[1000];
        for (int i = 0; i < users.length; i++) {
            users[i] = "user-" + i + "-\u00e9\u4e2d";
        }
        String[] ips = {"10.1.2.3", "2001:db8::7", "150", "192.168.0.1"};
        Slots s = new Slots();
        int hits = 0;
        for (int round = 0; round < 3; round++) {
            long t = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(t);
            for (int i = 0; i < 200_000; i++) {
                s.userId = users[i % users.length];
                s.ip = ips[i & 3];
                if (doc.decideLane(s) != null) {
                    hits++;
                }
            }
            long allocated = mx.getThreadAllocatedBytes(t) - before;
            if (round == 2) {
                // 200,000 evaluations: anything per evaluation would be >= 3 MB; allow a few KB of noise
                assertTrue(allocated < 16_384, "allocated " + allocated + " bytes in 200,000 evaluations");
            }
        }
        assertTrue(hits > 0);
    }

    @Test
    void configGetters() throws RuleValidationException {
        RuleDocument d = RuleDocuments.parse("{\"version\":\"1\",\"scenes\":{\"s\":{\"config\":{"
                + "\"title\":\"New\",\"max\":20,\"big\":12345678901,\"ratio\":0.25,\"on\":true,\"onText\":\"TRUE\","
                + "\"limits\":{\"daily\":1000,\"nested\":{\"x\":\"y\"}},\"tags\":[\"a\",\"b\"],\"nothing\":null}}}}");
        ConfigValues c = d.config("s");
        assertEquals("New", c.getString("title", "d"));
        assertEquals("20", c.getString("max", "d"));
        assertEquals("d", c.getString("missing", "d"));
        assertEquals(20, c.getInt("max", -1));
        assertEquals(-1, c.getInt("big", -1), "does not fit an int");
        assertEquals(12345678901L, c.getLong("big", -1L));
        assertEquals(-1, c.getInt("ratio", -1), "not an integer");
        assertEquals(0.25, c.getDouble("ratio", 0.0));
        assertEquals(new BigDecimal("0.25"), c.getBigDecimal("ratio", BigDecimal.ONE));
        assertEquals(new BigDecimal("0.3"), c.getBigDecimal("ratio", 1));
        assertTrue(c.getBoolean("on", false));
        assertTrue(c.getBoolean("onText", false));
        assertEquals(1000, c.getInt("limits.daily", 0));
        assertEquals("y", c.getString("limits.nested.x", null));
        assertEquals(Arrays.asList("a", "b"), c.getArray("tags", null));
        assertEquals(2, c.getObject("limits", null).size());
        assertNull(c.getString("nothing", null));
        assertTrue(c.has("nothing"));
        assertEquals("{\"title\":\"New\",", c.json().substring(0, 15));
        assertEquals(ConfigValues.EMPTY, d.config("unknown"));
        assertEquals(7, d.config("unknown").getInt("x", 7));
    }

    @Test
    void lanesAreTriedInPriorityOrderThenByName() throws RuleValidationException {
        RuleDocument d = RuleDocuments.parse("{\"version\":\"1\",\"lanes\":{"
                + "\"zeta\":{\"priority\":1,\"fullGray\":true},\"alpha\":{\"priority\":1,\"fullGray\":true},"
                + "\"first\":{\"priority\":-5,\"whitelist\":[{\"subject\":\"u\",\"values\":[\"1\"]},{\"subject\":\"d\",\"values\":[\"x\"]}],"
                + "\"rules\":[{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"never\",\"predicate\":\"EQ\",\"objects\":[\"-\"]}]}]}}}");
        assertEquals("alpha", d.decideLane(AttributeSource.EMPTY));
        assertEquals("first", d.decideLane(Attributes.of("d", "x")));
        assertEquals(Arrays.asList("first", "alpha", "zeta"),
                Arrays.asList(d.lanes().get(0).name(), d.lanes().get(1).name(), d.lanes().get(2).name()));
    }
}
