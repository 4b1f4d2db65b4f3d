package io.graylane.testkit.app;

import io.graylane.testkit.Ports;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher itself, on a tiny application without the agent (the agent is tested by the modules that use it). */
class AppJvmTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static AppJvm start(String name, String address, int port, String printedVersion, String expected)
            throws Exception {
        AppJvmBuilder b = AppJvm.builder(name, ListenerApp.class).withoutAgent()
                .classPath(System.getProperty("java.class.path")).heap("64m")
                .args(address, String.valueOf(port), printedVersion);
        if (expected != null) {
            b.expectVersion("demo-lib", expected);
        }
        return b.start();
    }

    @Test
    void readyVersionCheckedCommandsAndLoopbackOnly() throws Exception {
        int port = Ports.free();
        try (AppJvm app = start("loopback", "127.0.0.1", port, "1.2.3", "1.2.3")) {
            app.awaitReady(WAIT);
            app.assertListensOnLoopbackOnly();
            app.send("hello");
            assertEquals("ECHO hello", app.awaitTag("ECHO", WAIT));
            app.send("exit");
            assertEquals(0, app.waitFor(WAIT));
            assertTrue(app.log().contains("READY " + port), app::log);
        }
    }

    @Test
    void aWildcardListenerFailsTheLoopbackCheckUnlessItsPortIsExempt() throws Exception {
        int port = Ports.free();
        try (AppJvm app = start("wildcard", "0.0.0.0", port, "1.2.3", null)) {
            app.awaitReady(WAIT);
            AssertionError e = assertThrows(AssertionError.class, app::assertListensOnLoopbackOnly);
            assertTrue(e.getMessage().contains("beyond loopback: [0.0.0.0:" + port + "]") || e.getMessage().contains("beyond loopback: [:::" + port + "]"), e.getMessage());
            app.assertListensOnLoopbackOnly(port);
        }
    }

    @Test
    void aVersionOtherThanExpectedFailsReadiness() throws Exception {
        try (AppJvm app = start("version", "127.0.0.1", Ports.free(), "1.2.4", "1.2.3")) {
            AssertionError e = assertThrows(AssertionError.class, () -> app.awaitReady(WAIT));
            assertTrue(e.getMessage().contains("loaded demo-lib 1.2.4, expected 1.2.3"), e.getMessage());
        }
    }

    @Test
    void anApplicationThatDiesBeforeReadyFailsAtOnceWithItsOutput() throws Exception {
        try (AppJvm app = start("dies", "die", 0, "-", null)) {
            AssertionError e = assertThrows(AssertionError.class, () -> app.awaitReady(WAIT));
            assertTrue(e.getMessage().contains("exited with 7"), e.getMessage());
            assertTrue(e.getMessage().contains("dying before READY"), e.getMessage());
        }
    }
}
