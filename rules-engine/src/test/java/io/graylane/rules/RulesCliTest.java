package io.graylane.rules;

import io.graylane.rules.cli.RulesCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RulesCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private String out() {
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void validateOk() throws Exception {
        Path f = dir.resolve("rules.json");
        Files.write(f, EvaluationTest.BENCH_RULE.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("validate", f.toString()));
        assertTrue(out().startsWith("OK " + f + ": version 1, 1 lane [gray (priority 0)], 0 scenes"), out());
    }

    @Test
    void validateListsProblems() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.write(f, EvaluationTest.BENCH_RULE.replace("[2.5]", "[\"abc\"]").replace("3000", "10001")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(1, run("validate", f.toString()));
        assertTrue(out().contains("INVALID " + f + ": 2 problems"), out());
        assertTrue(out().contains("  lanes.gray.rules[0].conditions[2].objects[0]: \"abc\" is not a NUMBER"), out());
        assertTrue(out().contains("  lanes.gray.bucket.rate: 10001 is not in 0..10000"), out());
    }

    @Test
    void unreadableFileIsInvalid() {
        assertEquals(1, run("validate", dir.resolve("missing.json").toString()));
        assertTrue(out().contains("cannot read"), out());
    }

    @Test
    void evalExplains() throws Exception {
        Path f = dir.resolve("rules.json");
        Files.write(f, EvaluationTest.BENCH_RULE.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("eval", f.toString(), "userId=u1", "region=eu-west", "appVersion=2.4", "level=3", "ip=10.0.0.1"));
        assertTrue(out().contains("lane: gray"), out());
        assertTrue(out().contains("bucket 750 < rate 3000"), out());
        out.reset();
        assertEquals(0, run("eval", f.toString(), "userId=u1", "region=ap-south", "appVersion=2.4"));
        assertTrue(out().contains("lane: baseline"), out());
        assertTrue(out().contains("rules[0].conditions[0] failed: region STRING IN [eu-west, eu-north, us-east] (region=\"ap-south\")"),
                out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run());
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("eval", "x.json", "novalue"));
        assertEquals(2, run("validate"));
    }
}
