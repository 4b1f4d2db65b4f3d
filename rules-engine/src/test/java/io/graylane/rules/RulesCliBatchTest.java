package io.graylane.rules;

import io.graylane.rules.cli.RulesCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rules eval FILE --batch INPUT|-}: one JSON attribute set per input line, one result per output line. */
class RulesCliBatchTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String SCENES = "{\"version\":\"1\",\"lanes\":{\"gray\":{\"whitelist\":"
            + "{\"subject\":\"userId\",\"values\":[\"\u7528\u6237\"]}}},\"scenes\":{\"checkout\":{\"bucket\":"
            + "{\"key\":\"userId\",\"rate\":10000},\"experiment\":{\"key\":\"userId\",\"groups\":[{\"name\":\"A\",\"from\":0,"
            + "\"to\":9999}]}},\"off\":{\"enabled\":false}}}";

    private int run(String... args) {
        return RulesCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private String out() {
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private String err() {
        return new String(err.toByteArray(), StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    @Test
    void batchFromAFileGivesOneResultPerAttributeSet() throws Exception {
        Path rules = file("rules.json", EvaluationTest.BENCH_RULE);
        Path in = file("in.jsonl", "# lane decisions for the release check\n"
                + "{\"userId\":\"u1\",\"region\":\"eu-west\",\"appVersion\":\"2.4\",\"level\":3,\"ip\":\"10.0.0.1\"}\n"
                + "\n"
                + "{\"userId\":\"u1\",\"region\":\"ap-south\"}\n");
        assertEquals(0, run("eval", rules.toString(), "--batch", in.toString()), err());
        assertEquals("{\"line\":2,\"lane\":\"gray\",\"scenes\":{}}\n"
                + "{\"line\":4,\"lane\":null,\"scenes\":{}}\n", out().replace("\r\n", "\n"));
    }

    @Test
    void batchFromStdinReadsUtf8AndReportsScenes() throws Exception {
        Path rules = file("rules.json", SCENES);
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(("{\"userId\":\"\u7528\u6237\"}\n{\"userId\":\"u2\"}\n{}\n")
                    .getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, run("eval", rules.toString(), "--batch", "-"), err());
        } finally {
            System.setIn(saved);
        }
        String a = "\"scenes\":{\"checkout\":{\"hit\":true,\"group\":\"A\"},\"off\":{\"hit\":false}}}";
        assertEquals("{\"line\":1,\"lane\":\"gray\"," + a + "\n"
                + "{\"line\":2,\"lane\":null," + a + "\n"
                + "{\"line\":3,\"lane\":null,\"scenes\":{\"checkout\":{\"hit\":true,\"group\":null},\"off\":{\"hit\":false}}}\n",
                out().replace("\r\n", "\n"));
    }

    @Test
    void badBatchLinesAreReportedInPlaceAndFailTheRun() throws Exception {
        Path rules = file("rules.json", EvaluationTest.BENCH_RULE);
        Path in = file("in.jsonl", "{\"userId\":\"u1\",\"userId\":\"u2\"}\n{\"userId\":true}\nnot json\n{\"userId\":\"u1\"}\n");
        assertEquals(RulesCli.USAGE, run("eval", rules.toString(), "--batch", in.toString()));
        String[] lines = out().split("\r?\n");
        assertEquals(4, lines.length, out());
        assertTrue(lines[0].startsWith("{\"line\":1,\"error\":\"") && lines[0].contains("duplicate"), lines[0]);
        assertTrue(lines[1].startsWith("{\"line\":2,\"error\":\"attribute userId: true is not a string or number"), lines[1]);
        assertTrue(lines[2].startsWith("{\"line\":3,\"error\":\""), lines[2]);
        assertEquals("{\"line\":4,\"lane\":null,\"scenes\":{}}", lines[3]);
        assertTrue(err().contains("line 1:"), err());
    }

    @Test
    void aRepeatedAttributeOnTheCommandLineIsAnError() throws Exception {
        Path rules = file("rules.json", EvaluationTest.BENCH_RULE);
        assertEquals(RulesCli.USAGE, run("eval", rules.toString(), "userId=u1", "region=eu-west", "userId=u2"));
        assertTrue(err().contains("attribute userId is given twice"), err());
        assertEquals("", out());
    }

    @Test
    void aValueTheLocaleCouldNotDecodeIsRefused() throws Exception {
        Path rules = file("rules.json", EvaluationTest.BENCH_RULE);
        assertEquals(RulesCli.USAGE, run("eval", rules.toString(), "userId=\uFFFD\uFFFD\uFFFD"));
        assertTrue(err().contains("the value of userId could not be read as text in this locale"), err());
    }
}
