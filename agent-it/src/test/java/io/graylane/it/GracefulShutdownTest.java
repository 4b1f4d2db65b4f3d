package io.graylane.it;

import io.graylane.it.apps.SigtermApp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's SIGTERM handler hands over to the JVM's: the shutdown hooks still run and the exit code is still 143,
 * with the graceful drain on (nothing to drain in a plain program), off, or the agent disabled.
 */
class GracefulShutdownTest {
    ForkedJvm.Result run(String agentArgs) throws Exception {
        return ForkedJvm.main(SigtermApp.class).agentArgs(agentArgs).run();
    }

    @Test
    void sigtermStillRunsTheHooksAndExits143WithTheAgent() throws Exception {
        ForkedJvm.Result r = run("log.level=DEBUG");
        assertEquals(143, r.exitCode(), r.toString());
        assertTrue(r.output().contains("HOOK RAN"), r.toString());
        assertTrue(r.output().contains("graceful shutdown: SIGTERM drains the node"), r.toString());
        assertFalse(r.output().contains("NOT TERMINATED"), r.toString());
    }

    @Test
    void gracefulOffOrAgentDisabledLeaveSigtermAlone() throws Exception {
        for (String args : new String[] {"shutdown.graceful=false,log.level=DEBUG", "enabled=false,log.level=DEBUG"}) {
            ForkedJvm.Result r = run(args);
            assertEquals(143, r.exitCode(), r.toString());
            assertTrue(r.output().contains("HOOK RAN"), r.toString());
            assertFalse(r.output().contains("graceful shutdown"), r.toString());
        }
    }
}
