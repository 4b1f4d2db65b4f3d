package io.graylane.it;

import io.graylane.it.apps.PlainApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plugins own their configuration keys: every key is checked before anything is installed, the built jar lists
 * every key ({@code config} command), and docs/configuration.md documents exactly those keys.
 */
class PluginConfigurationTest {
    private static final Pattern DOC_KEY = Pattern.compile("^\\| `(graylane\\.[^`]+)`(?: / `\\.([^`]+)`)?");

    @Test
    void aBadPluginKeyNamesTheKeyInOneLineAndDisablesTheAgentNotTheApp() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class)
                .agentArgs("mq.groupTemplate=no-placeholders,ingress.hmac-secret=short").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("HELLO"), r::toString);
        assertTrue(r.output().contains("graylane.mq.groupTemplate='no-placeholders' (from agent argument): expected"
                + " ${group} once, then ${lane} once"), r::toString);
        assertTrue(r.output().contains("graylane.ingress.hmac-secret='short' (from agent argument): at least 16"
                + " characters"), r::toString);
        assertTrue(r.output().contains("the agent is disabled"), r::toString);
        assertFalse(r.output().contains("[graylane] INFO graylane "), "no 'started' line: " + r);
        assertFalse(r.output().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void aPluginKeyIsKnownInEveryFormAndNotWarnedAbout() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class).agentArgs("mq.refreshMillis=500")
                .jvmArg("-Dgraylane.dubbo.strict=true").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("[graylane] INFO graylane "), "the agent started: " + r);
        assertFalse(r.output().contains("unknown"), r::toString);
    }

    @Test
    void theConfigCommandListsExactlyTheDocumentedKeys() throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ForkedJvm.agentJar().toString(), "config").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        Set<String> listed = new TreeSet<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("graylane.")) {
                listed.add(line.split("\\s+")[0]);
            }
        }
        // plugin keys come from the plugins themselves, not from the core's list
        assertTrue(listed.contains("graylane.mq.groupTemplate") && listed.contains("graylane.dubbo.strict"), out);
        Set<String> documented = new TreeSet<>();
        Path doc = Paths.get("..", "docs", "configuration.md");
        for (String line : Files.readAllLines(doc)) {
            Matcher m = DOC_KEY.matcher(line);
            if (m.find()) {
                String key = m.group(1);
                documented.add(key);
                if (m.group(2) != null) {
                    documented.add(key.substring(0, key.lastIndexOf('.') + 1) + m.group(2));
                }
            }
        }
        Set<String> undocumented = new TreeSet<>(listed);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(listed);
        assertTrue(undocumented.isEmpty(), "keys the agent knows but " + doc + " does not document: " + undocumented);
        assertTrue(unknown.isEmpty(), "keys " + doc + " documents but the agent does not know: " + unknown);
    }
}
