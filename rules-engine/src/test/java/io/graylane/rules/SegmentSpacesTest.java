package io.graylane.rules;

import io.graylane.rules.cli.RulesCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SEGMENT members with stray spaces are all rejected alike; validate warns about members compared as text. */
class SegmentSpacesTest {
    @TempDir
    Path dir;

    private static String segment(String objects) {
        return "{\"version\":\"1\",\"lanes\":{\"gray\":{\"rules\":[{\"conditions\":["
                + "{\"type\":\"SEGMENT\",\"subject\":\"ip\",\"predicate\":\"IN\",\"objects\":[" + objects + "]}]}]}}}";
    }

    @Test
    void strayLeadingOrTrailingSpacesAreRejectedForEveryKindOfMember() {
        String[] members = {"\" 10.0.0.1\"", "\"10.0.0.0/8 \"", "\"100-200 \"", "\" 350\"", "\"beijing \"", "\"\\t::1\""};
        for (String m : members) {
            RuleValidationException e = assertThrows(RuleValidationException.class, () -> RuleDocuments.parse(segment(m)), m);
            List<String> p = e.problems();
            assertEquals(1, p.size(), p.toString());
            assertTrue(p.get(0).startsWith("lanes.gray.rules[0].conditions[0].objects[0]: " + m + " has leading or trailing spaces"),
                    p.toString());
        }
    }

    @Test
    void validateWarnsAboutMembersItCouldNotClassify() throws Exception {
        Path f = dir.resolve("rules.json");
        Files.write(f, segment("\"10.0.0.300\", \"100 - 200\", \"1.5\", \"beijing\", \"10.0.0.0/8\", \"5-10\"")
                .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, RulesCli.run(new String[] {"validate", f.toString()}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true)));
        String o = new String(out.toByteArray(), StandardCharsets.UTF_8);
        String p = "WARN lanes.gray.rules[0].conditions[0].objects";
        assertTrue(o.contains(p + "[0]: \"10.0.0.300\" is not an integer, range, IP address or CIDR; it is compared as exact text"), o);
        assertTrue(o.contains(p + "[1]: \"100 - 200\" is not"), o);
        assertTrue(o.contains(p + "[2]: \"1.5\" is not"), o);
        assertFalse(o.contains(p + "[3]"), o);
        assertFalse(o.contains(p + "[4]"), o);
        assertFalse(o.contains(p + "[5]"), o);
    }
}
