package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A server that cannot start is reported with the tail of its log, and its JVM is gone. */
class FailureReportTest {

    @Test
    void startFailureCarriesTheLogTail() {
        ForkedServer f = ForkedServer.launch("broken", "zookeeper", TestkitHome.newRunDir("broken"),
                List.of("-Xmx32m"), "io.graylane.testkit.child.NoSuchLauncher", List.of(), List.of());
        TestkitException e = assertThrows(TestkitException.class, () -> f.awaitReady(Duration.ofSeconds(60)));
        assertTrue(e.getMessage().startsWith("broken failed to start: the broken JVM exited (code 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("console.log"), e.getMessage());
        assertTrue(e.getMessage().contains("io.graylane.testkit.child.NoSuchLauncher"), e.getMessage());
        Gone.assertGone(f.pid());
    }
}
