package io.graylane.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Hostile input: truncated and fuzzed documents, deep nesting, catastrophic-backtracking regexes. */
class RobustnessTest {
    static final String SAMPLE = "{\"version\":\"3\",\"lanes\":{\"gray\":{\"priority\":1,"
            + "\"whitelist\":{\"subject\":\"userId\",\"values\":[\"vip\"]},"
            + "\"rules\":[{\"conditions\":["
            + "{\"type\":\"STRING\",\"subject\":\"region\",\"predicate\":\"IN\",\"objects\":[\"eu\",\"us\"],\"ignoreCase\":true},"
            + "{\"type\":\"VERSION\",\"subject\":\"appVersion\",\"predicate\":\"GTE\",\"objects\":[\"2.3.0\"],\"segments\":2},"
            + "{\"type\":\"NUMBER\",\"subject\":\"amount\",\"predicate\":\"LT\",\"objects\":[1e3]},"
            + "{\"type\":\"SEGMENT\",\"subject\":\"ip\",\"predicate\":\"NOT_IN\",\"objects\":[\"10.0.0.0/8\",\"::1\",\"1-9\",\"x\"]},"
            + "{\"type\":\"STRING\",\"subject\":\"mail\",\"predicate\":\"REGEX\",\"objects\":[\"(a|b)*@x\\\\.com\"]}]}],"
            + "\"bucket\":{\"key\":\"userId\",\"rate\":3000,\"salt\":\"s\"}}},"
            + "\"scenes\":{\"ab\":{\"experiment\":{\"key\":\"userId\",\"groups\":[{\"name\":\"A\",\"from\":0,\"to\":4999}]},"
            + "\"config\":{\"a\":{\"b\":[1,2.5,\"x\",null,true]}}}}}";

    private static void parseOnlyValidatorErrors(String text) {
        try {
            RuleDocuments.parse(text);
        } catch (RuleValidationException e) {
            assertFalse(e.problems().isEmpty());
            for (String p : e.problems()) {
                assertFalse(p.contains("internal error while compiling"), p);
                assertTrue(p.contains(": "), p);
            }
        } catch (Throwable t) {
            fail("escaped the validator for input: " + text, t);
        }
    }

    @Test
    void sampleIsValid() throws RuleValidationException {
        RuleDocument d = RuleDocuments.parse(SAMPLE);
        assertEquals("3", d.version());
        assertEquals("gray", d.decideLane(Attributes.of("userId", "vip")));
    }

    @Test
    void everyTruncationFailsCleanly() {
        // every proper prefix of a JSON object is unbalanced: each must be rejected, and only by the validator
        for (int i = 0; i < SAMPLE.length(); i++) {
            String prefix = SAMPLE.substring(0, i);
            try {
                RuleDocuments.parse(prefix);
                fail("a truncated document was accepted: " + prefix);
            } catch (RuleValidationException expected) {
                parseOnlyValidatorErrors(prefix);
            }
        }
    }

    @Test
    void fuzzedDocumentsFailCleanly() throws IOException {
        List<String> seeds = new ArrayList<>();
        seeds.add(SAMPLE);
        for (String f : new String[] {"lanes.json", "scenes.json"}) {
            try (InputStream in = getClass().getResourceAsStream("/golden/" + f)) {
                assertNotNull(in);
                String golden = new String(readAll(in), StandardCharsets.UTF_8);
                seeds.add(golden.substring(golden.indexOf("\"document\"") + 11, golden.indexOf("\"cases\"")).trim()
                        .replaceAll(",$", ""));
            }
        }
        String alphabet = "{}[]\":,0123456789.-eE \\tnulfasr/xyzINEQGTLRPXV\u00e9\u4e2d\ud83d\ude00\ud800";
        Random r = new Random(424242L);
        int accepted = 0;
        for (int iter = 0; iter < 20_000; iter++) {
            StringBuilder sb = new StringBuilder(seeds.get(r.nextInt(seeds.size())));
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int pos = r.nextInt(sb.length());
                switch (r.nextInt(5)) {
                    case 0:
                        sb.deleteCharAt(pos);
                        break;
                    case 1:
                        sb.insert(pos, alphabet.charAt(r.nextInt(alphabet.length())));
                        break;
                    case 2:
                        sb.setCharAt(pos, alphabet.charAt(r.nextInt(alphabet.length())));
                        break;
                    case 3: { // duplicate a slice (creates duplicate keys, nested structures)
                        int end = Math.min(sb.length(), pos + r.nextInt(40));
                        sb.insert(pos, sb.substring(pos, end));
                        break;
                    }
                    default: { // swap a token for another type
                        String[] tokens = {"null", "true", "[]", "{}", "\"\"", "-0.0", "1e999999", "\"NONE\"", "-1", "10001"};
                        sb.insert(pos, tokens[r.nextInt(tokens.length)]);
                    }
                }
            }
            String text = sb.toString();
            try {
                RuleDocuments.parse(text);
                accepted++;
            } catch (RuleValidationException e) {
                parseOnlyValidatorErrors(text);
            } catch (Throwable t) {
                fail("escaped the validator for input: " + text, t);
            }
        }
        assertTrue(accepted < 20_000, "the fuzzer must produce invalid documents");
    }

    @Test
    void deepNestingIsRejectedNotOverflowed() {
        StringBuilder sb = new StringBuilder("{\"version\":\"1\",\"scenes\":{\"s\":{\"config\":{\"a\":");
        for (int i = 0; i < 100_000; i++) {
            sb.append('[');
        }
        parseOnlyValidatorErrors(sb.toString());
    }

    /**
     * {@code (a+)+b} against "aaaa…a!" takes exponential time in a backtracking engine (java.util.regex
     * would need ~2^n steps for n=64); RE2J answers in linear time. The assertion is on the result; the
     * generous timeout only stops the build if the engine is ever swapped for a backtracking one.
     */
    @Test
    @Timeout(30)
    void catastrophicRegexRunsInLinearTime() throws RuleValidationException {
        RuleDocument d = RuleDocuments.parse("{\"version\":\"1\",\"scenes\":{"
                + "\"evil\":{\"rules\":[{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"s\",\"predicate\":\"REGEX\",\"objects\":[\"(a+)+b\"]}]}]},"
                + "\"evil2\":{\"rules\":[{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"s\",\"predicate\":\"REGEX\",\"objects\":[\"(a|aa)*c\"]}]}]}}}");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            sb.append('a');
        }
        String hostile = sb + "!";
        for (int i = 0; i < 100; i++) {
            assertFalse(d.hitGray("evil", Attributes.of("s", hostile)));
            assertFalse(d.hitGray("evil2", Attributes.of("s", hostile)));
        }
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            big.append('a');
        }
        assertFalse(d.hitGray("evil", Attributes.of("s", big + "!")));
        assertTrue(d.hitGray("evil", Attributes.of("s", big + "b")));
    }

    @Test
    void backreferencesAreRejectedAtLoad() {
        RuleValidationException e = org.junit.jupiter.api.Assertions.assertThrows(RuleValidationException.class,
                () -> RuleDocuments.parse("{\"version\":\"1\",\"scenes\":{\"s\":{\"rules\":[{\"conditions\":["
                        + "{\"type\":\"STRING\",\"subject\":\"s\",\"predicate\":\"REGEX\",\"objects\":[\"(a)\\\\1\"]}]}]}}}"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("scenes.s.rules[0].conditions[0].objects[0]: invalid REGEX"), e.problems().get(0));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
