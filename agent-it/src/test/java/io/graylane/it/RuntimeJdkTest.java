package io.graylane.it;

import io.graylane.it.apps.RuntimeVersionApp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * agent-it runs twice (agent-it's pom): on the build's JDK 17 and on Temurin 25. The applications are forked with the
 * test JVM's own java, so this checks that an application with the agent ran on the JDK of this run's matrix entry
 * ({@code graylane.it.expected.jdk}, set per surefire execution).
 */
class RuntimeJdkTest {

    @Test
    void applicationWithTheAgentRunsOnTheJdkOfThisRun() throws Exception {
        String expected = System.getProperty("graylane.it.expected.jdk");
        if (expected == null || expected.isBlank()) {
            throw new AssertionError("graylane.it.expected.jdk is not set (agent-it's pom sets it per execution)");
        }
        ForkedJvm.Result r = ForkedJvm.main(RuntimeVersionApp.class).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(1, r.count("[graylane] INFO graylane "), r::toString);
        String line = r.lines("JAVA feature=").stream().findFirst().orElseThrow(() -> new AssertionError(r.toString()));
        assertEquals(expected, line.substring("JAVA feature=".length()).split(" ")[0], line);
    }
}
