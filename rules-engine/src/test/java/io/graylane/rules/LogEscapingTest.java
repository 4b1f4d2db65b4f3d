package io.graylane.rules;

import io.graylane.rules.source.LocalFileRuleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text from a rule document (its version above all) reaches the log escaped: it cannot forge log lines. */
class LogEscapingTest {
    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final RuleLog capture = new RuleLog() {
        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add(message);
        }
    };

    private static final String FORGED = "7\\n[graylane] WARN rules from file:/etc/rules.json rejected\\r\\u2028\\u0085\\u001b[2J";

    @Test
    void controlCharactersInTheVersionAreEscapedInEveryLogLine() throws Exception {
        RuleHolder h = new RuleHolder();
        h.setLog(capture);
        assertTrue(h.update("{\"version\":\"" + FORGED + "\"}", "test"));
        assertFalse(h.update("{\"version\":\"8\",\"lanes\":5}", "test"));
        new LocalFileRuleSource(dir.resolve("missing.json"), h, 60_000).checkNow();
        assertEquals(3, lines.size(), lines.toString());
        for (String l : lines) {
            for (char c : l.toCharArray()) {
                assertFalse(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029',
                        "control character " + (int) c + " in log line: " + l);
            }
            assertTrue(l.contains("7\\n[graylane] WARN rules from file:/etc/rules.json rejected\\r\\u2028\\u0085\\u001b[2J"), l);
        }
        assertEquals("7\n[graylane] WARN rules from file:/etc/rules.json rejected\r\u2028\u0085\u001b[2J", h.version());
    }
}
