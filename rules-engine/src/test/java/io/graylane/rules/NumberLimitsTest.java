package io.graylane.rules;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NUMBER objects have documented limits, and an object beyond them is rejected naming the limit. */
class NumberLimitsTest {

    private static String number(String object, String predicate) {
        return "{\"version\":\"1\",\"lanes\":{\"gray\":{\"rules\":[{\"conditions\":[{\"type\":\"NUMBER\","
                + "\"subject\":\"n\",\"predicate\":\"" + predicate + "\",\"objects\":[" + object + "]}]}]}}}";
    }

    private static String problem(String object) {
        RuleValidationException e = assertThrows(RuleValidationException.class, () -> RuleDocuments.parse(number(object, "GT")));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void exponentBeyondTheLimitNamesTheLimit() {
        String p = "lanes.gray.rules[0].conditions[0].objects[0]: ";
        assertEquals(p + "1e1000000000 is beyond the NUMBER limits (exponent -1000..1000)", problem("1e1000000000"));
        assertEquals(p + "\"1e1001\" is beyond the NUMBER limits (exponent -1000..1000)", problem("\"1e1001\""));
        assertEquals(p + "1e-1001 is beyond the NUMBER limits (exponent -1000..1000)", problem("1e-1001"));
        StringBuilder longText = new StringBuilder("\"1");
        for (int i = 0; i < 200; i++) {
            longText.append('0');
        }
        assertTrue(problem(longText + "\"").endsWith(" is beyond the NUMBER limits (at most 200 characters)"),
                problem(longText + "\""));
        assertEquals(p + "\"a hundred\" is not a NUMBER", problem("\"a hundred\""));
    }

    @Test
    void valuesAtTheLimitsAreAccepted() throws Exception {
        RuleDocument big = RuleDocuments.parse(number("1e1000", "GTE"));
        StringBuilder t = new StringBuilder("1");
        for (int i = 0; i < 1000; i++) {
            t.append('0');
        }
        assertEquals("gray", big.decideLane(Attributes.of("n", t.toString())));
        assertEquals(null, big.decideLane(Attributes.of("n", t.substring(1))));
        RuleDocuments.parse(number("1e-1000", "GT"));
        RuleDocuments.parse(number("0e99999999", "GT"));
    }

    @Test
    void requestValuesMayEndOrStartWithThePoint() throws Exception {
        RuleDocument d = RuleDocuments.parse(number("5", "EQ"));
        assertEquals("gray", d.decideLane(Attributes.of("n", "5.")));
        assertEquals("gray", d.decideLane(Attributes.of("n", " +5.000 ")));
        RuleDocument half = RuleDocuments.parse(number("0.5", "EQ"));
        assertEquals("gray", half.decideLane(Attributes.of("n", ".5")));
        assertEquals(null, half.decideLane(Attributes.of("n", ".")));
    }

    @Test
    void rulesMdStatesTheLimitsAndTheRequestGrammar() throws Exception {
        String md = new String(Files.readAllBytes(Paths.get(System.getProperty("user.dir")).resolve("../docs/rules.md")),
                StandardCharsets.UTF_8);
        assertFalse(md.contains("of any size"), "rules.md still says NUMBER is of any size");
        assertTrue(md.contains("exponent -1000..1000") && md.contains("200 characters"), "NUMBER limits not in rules.md");
        assertTrue(md.contains("`5.`") && md.contains("`.5`"), "request-value grammar not in rules.md");
        assertTrue(md.contains("compare as written"), "whitelist comparison not in rules.md");
    }
}
