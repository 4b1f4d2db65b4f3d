package io.graylane.plugin.rocketmq;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LaneExpressionsTest {
    private final LaneExpressions e = new LaneExpressions("graylane_lane", LaneExpressions.DEFAULT_TEMPLATE);

    @Test
    void groups() {
        assertEquals("orders_gray", e.laneGroup("orders", "gray"));
        assertEquals("gray", e.laneOf("orders", "orders_gray"));
        assertNull(e.laneOf("orders", "orders"));
        assertNull(e.laneOf("orders", "orders_"));
        assertNull(e.laneOf("orders", "billing_gray"));
        LaneExpressions t = new LaneExpressions("p", "${group}@${lane}x");
        assertEquals("orders@grayx", t.laneGroup("orders", "gray"));
        assertEquals("gray", t.laneOf("orders", "orders@grayx"));
        assertThrows(IllegalArgumentException.class, () -> new LaneExpressions("p", "${lane}_${group}"));
        assertThrows(IllegalArgumentException.class, () -> new LaneExpressions("p", "${group}"));
        assertThrows(IllegalArgumentException.class, () -> new LaneExpressions("bad-name", "${group}_${lane}"));
    }

    @Test
    void gray() {
        assertEquals("(graylane_lane = 'gray')", e.graySql("TAG", "*", "gray"));
        assertEquals("(graylane_lane = 'gray')", e.graySql(null, null, "gray"));
        assertEquals("(TAGS IS NOT NULL AND TAGS IN ('A','B')) AND (graylane_lane = 'gray')",
                e.graySql("TAG", "A || B", "gray"));
        assertEquals("(a > 5) AND (graylane_lane = 'gray')", e.graySql("SQL92", "a > 5", "gray"));
        assertThrows(IllegalArgumentException.class, () -> e.graySql("TAG", "*", "x' OR '1'='1"));
    }

    @Test
    void baseline() {
        assertEquals("(graylane_lane IS NULL OR graylane_lane NOT IN ('blue','gray'))",
                e.baselineSql("TAG", "*", Set.of("blue", "gray").stream().sorted().toList()));
        assertEquals("(TAGS IS NOT NULL AND TAGS IN ('A')) AND (graylane_lane IS NULL OR graylane_lane NOT IN ('gray'))",
                e.baselineSql("TAG", "A", List.of("gray")));
        assertThrows(IllegalArgumentException.class, () -> e.baselineSql("TAG", "it's", List.of("gray")));
    }

    @Test
    void tags() {
        assertTrue(LaneExpressions.tagMatches("TAG", "*", null));
        assertTrue(LaneExpressions.tagMatches("TAG", "A || B", "B"));
        assertFalse(LaneExpressions.tagMatches("TAG", "A || B", "C"));
        assertFalse(LaneExpressions.tagMatches("TAG", "A", null));
    }
}
