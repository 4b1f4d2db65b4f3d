package io.graylane.e2e.springcloud;

import io.graylane.e2e.springcloud.release.HttpLoad;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rolling restart under load over HTTP: Spring Cloud Gateway ({@code lb://svc-a}) → A → B → C with real Nacos discovery,
 * two B instances (B1, B2; each request takes 20 ms on B, so several are always in flight there), every JVM with the
 * agent, and a bounded load generator sending 150 requests/s through the gateway, every request counted (failed: an
 * error status, an exception, no answer within 10 s, more than 1,000 outstanding; answers over 2 s are reported as
 * slow), no retry
 * anywhere. The callers (A, the gateway) keep Spring Cloud LoadBalancer's default instance cache (35 s): nothing in the
 * applications is configured for the release. Legs: each B in turn {@code node offline --wait-drained} (CLI) → SIGKILL →
 * started → {@code node online}: 0 failed; the control leg, SIGKILL without drain: failures; each B in turn SIGTERM only
 * (the agent's graceful shutdown) → started: 0 failed. The chain and the leg steps: {@link RollingRestartChain}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartHttpE2ETest extends RollingRestartChain {

    @Override
    B startB(String name) throws Exception {
        return startJarB(name);
    }

    @Test
    @Order(1)
    void drainedRollingRestartFailsNoRequest() throws Exception {
        load.reset();
        drainedRestart(List.of("B1", "B2"));
        HttpLoad.Stats s = settle();
        System.out.println("HTTP drained rolling restart: " + s + " drained-ms=" + drainedMillis);
        legs.add(s);
        assertTrue(s.requests() >= 1000, s.toString());
        assertEquals(0, s.failed(), s.toString());
    }

    @Test
    @Order(2)
    void killMinus9WithoutDrainFailsRequests() throws Exception {
        load.reset();
        killWithoutDrain("B1");
        HttpLoad.Stats s = settle();
        System.out.println("HTTP kill -9 without drain: " + s);
        assertTrue(s.failed() > 0, "a SIGKILL under load must fail requests (else this test proves nothing): " + s);
    }

    @Test
    @Order(3)
    void sigtermAloneFailsNoRequest() throws Exception {
        load.reset();
        List<String> stoppedLogs = sigtermRestart(List.of("B1", "B2"));
        HttpLoad.Stats s = settle();
        System.out.println("HTTP SIGTERM rolling restart: " + s);
        legs.add(s);
        assertTrue(s.requests() >= 1000, s.toString());
        assertEquals(0, s.failed(), s.toString());
        sigtermDrainTimes(stoppedLogs);
        writeResultLine("rolling-restart-http");
    }
}
