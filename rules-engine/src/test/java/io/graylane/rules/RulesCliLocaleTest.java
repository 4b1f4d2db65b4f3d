package io.graylane.rules;

import io.graylane.rules.cli.RulesCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CLI in a real JVM started with {@code LC_ALL=C}: attribute values on the command line and in a batch are read
 * as UTF-8, and output is UTF-8, whatever the locale.
 */
class RulesCliLocaleTest {
    @TempDir
    Path dir;

    private static final String USER = "\u7528\u6237";

    @Test
    void nonAsciiValuesSurviveTheCLocale() throws Exception {
        assumeTrue(Files.isReadable(Paths.get("/bin/sh")), "needs /bin/sh");
        Path rules = dir.resolve("rules.json");
        Files.write(rules, ("{\"version\":\"1\",\"lanes\":{\"gray\":{\"whitelist\":{\"subject\":\"userId\",\"values\":[\""
                + USER + "\"]}}}}").getBytes(StandardCharsets.UTF_8));
        Path in = dir.resolve("in.jsonl");
        Files.write(in, ("{\"userId\":\"" + USER + "\"}\n").getBytes(StandardCharsets.UTF_8));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String cmd = "'" + java + "' -cp '" + cp + "' " + RulesCli.class.getName() + " eval '" + rules + "'";
        // the script is UTF-8 bytes, so the argument reaches the child JVM as UTF-8 bytes whatever this JVM's locale
        Path script = dir.resolve("run.sh");
        Files.write(script, ("export LC_ALL=C LANG=C\n"
                + cmd + " 'userId=" + USER + "'\n"
                + cmd + " --batch - < '" + in + "'\n").getBytes(StandardCharsets.UTF_8));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.startsWith("JAVA_TOOL") || k.startsWith("JDK_JAVA"));
        Process p = pb.start();
        String out;
        try (InputStream s = p.getInputStream()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = s.read(buf)) > 0; ) {
                b.write(buf, 0, n);
            }
            out = new String(b.toByteArray(), StandardCharsets.UTF_8);
        }
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("attributes: {userId=" + USER + "}"), out);
        assertTrue(out.contains("lane: gray"), out);
        assertTrue(out.contains("userId=\"" + USER + "\" is whitelisted"), out);
        assertTrue(out.contains("{\"line\":1,\"lane\":\"gray\",\"scenes\":{}}"), out);
    }
}
