package io.graylane.e2e.springcloud;

import io.graylane.e2e.springcloud.release.HttpLoad;
import io.graylane.testkit.Ports;
import io.graylane.testkit.app.AppJvm;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rolling restart of {@link RollingRestartHttpE2ETest} with one B as the teams deploy it: B1 is the Spring Boot jar,
 * B2 the same application as a WAR ({@code ReleaseBWar}) in a standalone Tomcat 9 ({@link StandaloneTomcat}: the
 * Maven Central distribution started by its own {@code bin/catalina.sh run}, the agent and its settings in
 * {@code CATALINA_OPTS}), which registers in Nacos discovery from the container ({@code ContainerServiceRegistration}).
 * Legs, under 150 requests/s through the gateway: each B in turn {@code node offline --wait-drained} → SIGKILL →
 * started ({@code catalina.sh run} for B2) → {@code node online}: 0 failed, and the Tomcat B's agent took its
 * registration out of discovery; the control leg, SIGKILL on the Tomcat B without drain: failures; SIGTERM only on the
 * Tomcat B ({@code kill <pid>}, the agent's graceful shutdown before Tomcat's own shutdown hook) → started: 0 failed.
 * Tomcat 9 is javax.servlet: this test runs in e2e-spring-cloud27 (Spring Boot 2.7) only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartWarE2ETest extends RollingRestartChain {
    static final String TOMCAT_B = "B2";
    StandaloneTomcat tomcat;
    int tomcatAdminPort;

    @Override
    B startB(String name) throws Exception {
        return TOMCAT_B.equals(name) ? startTomcatB(name) : startJarB(name);
    }

    /** B as a WAR in the standalone Tomcat (assembled at the first start; the same base, ports and WAR after). */
    B startTomcatB(String name) throws Exception {
        if (tomcat == null) {
            Path base = Paths.get(System.getProperty("graylane.e2e.work", "target/e2e-work"),
                    "tomcat-" + name + "-" + System.nanoTime());
            tomcat = StandaloneTomcat.assemble(base, Ports.free(),
                    AppProcess.appClassPath(StandaloneTomcat.EMBEDDED_SERVER));
            tomcatAdminPort = Ports.free();
            System.out.println("standalone Tomcat " + tomcat.version() + " at " + tomcat.base + ", connector 127.0.0.1:"
                    + tomcat.port);
        }
        String instance = instance(name);
        List<String> props = new ArrayList<>(List.of("-Djava.net.preferIPv4Stack=true", "-Dinstance=" + instance,
                "-Dspring.application.name=svc-b", "-Dspring.cloud.gateway.enabled=false",
                "-Dspring.cloud.nacos.discovery.server-addr=" + nacos.serverAddr(),
                "-Dspring.cloud.nacos.discovery.ip=127.0.0.1",
                "-Dspring.cloud.nacos.discovery.port=" + tomcat.port,
                "-Dspring.main.banner-mode=off"));
        AppJvm jvm = tomcat.start(AppJvm.builder(instance, "org.apache.catalina.startup.Bootstrap")
                .jvmArgs(props)
                .expectVersion("spring-boot", System.getProperty("graylane.e2e.expect.spring-boot"))
                .graylane(List.of("app=svc-b", "admin.port=" + tomcatAdminPort, "admin.token=" + TOKEN, B_EXTRA)));
        return new B(instance, jvm, tomcatAdminPort);
    }

    @Test
    @Order(1)
    void drainedRollingRestartWithTomcatBFailsNoRequest() throws Exception {
        load.reset();
        List<B> stopped = drainedRestart(List.of("B1", TOMCAT_B));
        HttpLoad.Stats s = settle();
        System.out.println("WAR drained rolling restart: " + s + " drained-ms=" + drainedMillis);
        legs.add(s);
        assertFalse(stopped.get(1).jvm().agentLines("node offline: deregistered 1 Spring Cloud service registration")
                .isEmpty(), "the Tomcat B's registration was not taken out of discovery:\n" + stopped.get(1).jvm().log());
        assertTrue(s.requests() >= 1000, s.toString());
        assertEquals(0, s.failed(), s.toString());
    }

    @Test
    @Order(2)
    void killMinus9OnTomcatBWithoutDrainFailsRequests() throws Exception {
        load.reset();
        killWithoutDrain(TOMCAT_B);
        HttpLoad.Stats s = settle();
        System.out.println("WAR kill -9 on the Tomcat B without drain: " + s);
        assertTrue(s.failed() > 0, "a SIGKILL under load must fail requests (else this test proves nothing): " + s);
    }

    @Test
    @Order(3)
    void sigtermAloneOnTomcatBFailsNoRequest() throws Exception {
        load.reset();
        List<String> stoppedLogs = sigtermRestart(List.of(TOMCAT_B));
        HttpLoad.Stats s = settle();
        System.out.println("WAR SIGTERM on the Tomcat B: " + s);
        legs.add(s);
        assertTrue(s.requests() >= 1000, s.toString());
        assertEquals(0, s.failed(), s.toString());
        sigtermDrainTimes(stoppedLogs);
        writeResultLine("rolling-restart-war");
    }
}
