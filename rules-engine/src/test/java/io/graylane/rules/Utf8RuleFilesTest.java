package io.graylane.rules;

import io.graylane.rules.cli.RulesCli;
import io.graylane.rules.source.LocalFileRuleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule file that is not UTF-8 (Latin-1, GBK) is rejected with a clear message, never read with replaced bytes. */
class Utf8RuleFilesTest {
    @TempDir
    Path dir;

    private static String doc(String user) {
        return "{\"version\":\"1\",\"lanes\":{\"gray\":{\"whitelist\":{\"subject\":\"userId\",\"values\":[\"" + user + "\"]}}}}";
    }

    private Path write(String name, String text, Charset cs) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(cs));
        return f;
    }

    @Test
    void latin1AndGbkFilesAreRejected() throws Exception {
        Path latin1 = write("latin1.json", doc("jos\u00e9"), StandardCharsets.ISO_8859_1);
        RuleValidationException e = assertThrows(RuleValidationException.class, () -> RuleDocuments.parse(latin1));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("$: " + latin1 + " is not valid UTF-8 (byte 0xe9 at offset 78, line 1)"),
                e.problems().toString());
        Path gbk = write("gbk.json", doc("\u7528\u6237"), Charset.forName("GBK"));
        e = assertThrows(RuleValidationException.class, () -> RuleDocuments.parse(gbk));
        assertTrue(e.problems().get(0).contains("is not valid UTF-8"), e.problems().toString());
    }

    @Test
    void utf8FilesWithAndWithoutBomAreRead() throws Exception {
        Path plain = write("utf8.json", doc("jos\u00e9"), StandardCharsets.UTF_8);
        assertEquals("gray", RuleDocuments.parse(plain).decideLane(Attributes.of("userId", "jos\u00e9")));
        Path bom = write("bom.json", "\uFEFF" + doc("\u7528\u6237"), StandardCharsets.UTF_8);
        assertEquals("gray", RuleDocuments.parse(bom).decideLane(Attributes.of("userId", "\u7528\u6237")));
    }

    @Test
    void validateSaysInvalid() throws Exception {
        Path latin1 = write("latin1.json", doc("jos\u00e9"), StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, RulesCli.run(new String[] {"validate", latin1.toString()}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true)));
        String o = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertTrue(o.contains("INVALID") && o.contains("is not valid UTF-8"), o);
    }

    @Test
    void theFileSourceRejectsANonUtf8FileAndKeepsTheRulesInForce() throws Exception {
        Path f = write("rules.json", doc("jos\u00e9"), StandardCharsets.UTF_8);
        RuleHolder h = new RuleHolder();
        h.setLog(RuleLog.SILENT);
        LocalFileRuleSource src = new LocalFileRuleSource(f, h, 60_000);
        assertTrue(src.checkNow());
        Files.write(f, doc("mar\u00eda").replace("\"1\"", "\"2\"").getBytes(StandardCharsets.ISO_8859_1));
        assertFalse(src.checkNow());
        assertEquals("1", h.version());
        assertEquals(1, h.rejectedCount());
        assertTrue(h.lastProblems().get(0).contains("is not valid UTF-8"), h.lastProblems().toString());
    }
}
