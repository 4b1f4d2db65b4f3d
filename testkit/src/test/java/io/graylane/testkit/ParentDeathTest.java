package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A server must not outlive its parent, even when the parent is killed with SIGKILL. */
class ParentDeathTest {

    @Test
    void childExitsWhenItsParentIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dgraylane.testkit.home=" + TestkitHome.home(), OrphanProbe.class.getName()))
                .redirectErrorStream(true).start();
        long child = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("CHILD ")) {
                    child = Long.parseLong(line.substring(6).trim());
                    break;
                }
            }
            assertTrue(child > 0, "probe printed no child pid");
            long c = child;
            assertTrue(ProcessHandle.of(c).map(ProcessHandle::isAlive).orElse(false));
            parent.destroyForcibly();
            parent.waitFor();
            long t0 = System.nanoTime();
            Gone.assertGone(c);
            System.out.printf("server pid %d exited %d ms after its parent was killed%n", c,
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            parent.destroyForcibly();
            if (child > 0) {
                ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
