package io.graylane.core.config;

import io.graylane.bootstrap.LaneNames;
import io.graylane.rules.RuleDocuments;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One rule for lane names: the configuration ({@code graylane.lane}), the rules engine (which runs without the agent
 * and so keeps its own copy) and the agent's {@link LaneNames} (ingress, Dubbo, RocketMQ) accept exactly the same names.
 */
class LaneNameRuleTest {

    @Test
    void configurationRulesAndWireAgreeOnEveryName() {
        List<String> names = new ArrayList<>();
        for (char c = 0; c < 0x3000; c++) {
            names.add(String.valueOf(c));
            names.add("a" + c);
            names.add(c + "a");
        }
        for (int n = 0; n <= 70; n++) {
            names.add("x".repeat(n));
            names.add("9" + "-".repeat(Math.max(0, n - 1)));
        }
        Random random = new Random(64);
        String alphabet = "abcXYZ019_.- \t'\"=;/\\é\u00a0\u0660";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(68);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(sb.toString());
        }
        for (String name : names) {
            boolean wire = LaneNames.isValid(name);
            assertEquals(wire, RuleDocuments.isLaneName(name), () -> "rules vs wire: '" + name + "'");
            if (!name.isEmpty()) {
                assertEquals(wire, ConfigKeys.LANE.check(name) == null, () -> "config vs wire: '" + name + "'");
            }
        }
    }

    @Test
    void theRuleIsWhatTheDocsPromise() {
        assertTrue(LaneNames.isValid("gray"));
        assertTrue(LaneNames.isValid("v2.1_canary-B"));
        assertTrue(LaneNames.isValid("x".repeat(64)));
        assertFalse(LaneNames.isValid("x".repeat(65)));
        assertFalse(LaneNames.isValid("-gray"));
        assertFalse(LaneNames.isValid(".gray"));
        assertFalse(LaneNames.isValid("gray lane"));
        assertFalse(LaneNames.isValid("gräy"));
        assertFalse(LaneNames.isValid(""));
        assertFalse(LaneNames.isValid(null));
    }
}
