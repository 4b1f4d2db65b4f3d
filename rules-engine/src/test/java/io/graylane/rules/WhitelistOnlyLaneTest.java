package io.graylane.rules;

import io.graylane.rules.cli.RulesCli;
import io.graylane.rules.model.ToggleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lane with a whitelist and no rules hits the whitelist only; fullGray is how to put everyone in. */
class WhitelistOnlyLaneTest {
    @TempDir
    Path dir;

    private static RuleDocument lanes(String lanes) throws RuleValidationException {
        return RuleDocuments.parse("{\"version\":\"1\",\"lanes\":{" + lanes + "}}");
    }

    @Test
    void whitelistOnlyLaneHitsTheWhitelistOnly() throws Exception {
        RuleDocument d = lanes("\"gray\":{\"whitelist\":{\"subject\":\"userId\",\"values\":[\"qa-1\"]}}");
        assertEquals("gray", d.decideLane(Attributes.of("userId", "qa-1")));
        assertNull(d.decideLane(Attributes.of("userId", "someone-else")));
        assertNull(d.decideLane(Attributes.of("region", "eu")));
        ToggleResult miss = d.explainLane(Attributes.of("userId", "someone-else")).tried().get(0);
        assertFalse(miss.hit());
        assertFalse(miss.detail().contains("everyone matches"), miss.detail());
        assertEquals("NO_RULES", miss.reason().name());
    }

    @Test
    void emptyToggleHitsNobodyAndEmptyRulesArrayToo() throws Exception {
        assertNull(lanes("\"gray\":{}").decideLane(Attributes.of("userId", "u1")));
        assertNull(lanes("\"gray\":{\"rules\":[]}").decideLane(Attributes.of("userId", "u1")));
    }

    @Test
    void fullGrayPutsEveryoneInAndABucketWithoutRulesDrawsFromEveryone() throws Exception {
        assertEquals("gray", lanes("\"gray\":{\"fullGray\":true}").decideLane(Attributes.of("userId", "u1")));
        RuleDocument all = lanes("\"gray\":{\"whitelist\":{\"subject\":\"userId\",\"values\":[\"qa-1\"]},"
                + "\"bucket\":{\"key\":\"userId\",\"rate\":10000}}");
        assertEquals("gray", all.decideLane(Attributes.of("userId", "u1")));
    }

    @Test
    void validateWarnsAboutLanesThatHitEveryone() throws Exception {
        String out = validate("{\"version\":\"1\",\"lanes\":{"
                + "\"a\":{\"fullGray\":true},"
                + "\"b\":{\"rules\":[{\"conditions\":[]}]},"
                + "\"c\":{\"bucket\":{\"key\":\"userId\",\"rate\":10000}},"
                + "\"d\":{\"whitelist\":{\"subject\":\"userId\",\"values\":[\"qa-1\"]}},"
                + "\"e\":{\"rules\":[{\"conditions\":[]}],\"bucket\":{\"key\":\"userId\",\"rate\":500}},"
                + "\"f\":{\"enabled\":false,\"fullGray\":true}}}");
        assertTrue(out.startsWith("OK "), out);
        assertTrue(out.contains("WARN lanes.a: every request hits this lane (fullGray)"), out);
        assertTrue(out.contains("WARN lanes.b: every request hits this lane (rules[0] has no conditions and there is no bucket)"), out);
        assertTrue(out.contains("WARN lanes.c: every request hits this lane (bucket rate 10000 and no rules)"), out);
        assertFalse(out.contains("lanes.d:"), out);
        assertFalse(out.contains("lanes.e:"), out);
        assertFalse(out.contains("lanes.f:"), out);
    }

    @Test
    void validateDoesNotWarnAboutANormalDocument() throws Exception {
        String out = validate(EvaluationTest.BENCH_RULE);
        assertTrue(out.startsWith("OK "), out);
        assertFalse(out.contains("WARN"), out);
    }

    private String validate(String json) throws Exception {
        Path f = dir.resolve("rules.json");
        Files.write(f, json.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, RulesCli.run(new String[] {"validate", f.toString()}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true)));
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
