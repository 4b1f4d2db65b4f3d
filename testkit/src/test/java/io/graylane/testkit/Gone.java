package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

/** Assertions that a stopped server left nothing behind. */
final class Gone {

    private Gone() {
    }

    static void assertGone(long pid, int... ports) {
        Await.until("process " + pid + " gone", Duration.ofSeconds(30),
                () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        for (int p : ports) {
            Await.until("nothing listens on port " + p + " (ports " + Arrays.toString(ports) + ")",
                    Duration.ofSeconds(30), () -> !Sockets.anyListening(p));
        }
        assertTrue(ProcessHandle.current().descendants().noneMatch(h -> h.pid() == pid));
    }

    static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
