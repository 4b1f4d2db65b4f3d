package io.graylane.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The {@code jobs} section: scheduled jobs assigned to lanes by task id or prefix. */
class JobLanesRulesTest {
    @Test
    void exactTaskIdWinsThenTheLongestPrefix() throws Exception {
        RuleDocument d = RuleDocuments.parse("{\"version\": 1, \"jobs\": {\"deposit\": \"gray\","
                + " \"rep*\": \"blue\", \"report-*\": \"canary\", \"report-daily\": \"gray\"}}");
        assertEquals("gray", d.jobs().laneOf("deposit"));
        assertEquals("gray", d.jobs().laneOf("report-daily"));
        assertEquals("canary", d.jobs().laneOf("report-weekly"));
        assertEquals("blue", d.jobs().laneOf("repair"));
        assertNull(d.jobs().laneOf("deposit-2"));
        assertNull(d.jobs().laneOf(null));
    }

    @Test
    void noSectionMeansEveryJobOnBaseline() throws Exception {
        assertTrue(RuleDocuments.parse("{\"version\": 1}").jobs().isEmpty());
    }

    @Test
    void badPatternsAndLanesAreRejectedNamingTheKey() {
        for (String bad : new String[]{"{\"*\": \"gray\"}", "{\"a*b\": \"gray\"}", "{\"\": \"gray\"}",
                "{\"deposit\": \"gr ay\"}", "{\"deposit\": 5}", "[]"}) {
            RuleValidationException e = assertThrows(RuleValidationException.class,
                    () -> RuleDocuments.parse("{\"version\": 1, \"jobs\": " + bad + "}"), bad);
            assertTrue(e.getMessage().contains("jobs"), e.getMessage());
        }
    }
}
