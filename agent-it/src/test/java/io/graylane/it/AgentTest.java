package io.graylane.it;

import io.graylane.it.apps.ExecutorsApp;
import io.graylane.it.apps.HttpClientApp;
import io.graylane.it.apps.FaultTargetApp;
import io.graylane.it.apps.GraySdkApp;
import io.graylane.it.apps.GreeterApp;
import io.graylane.it.apps.OwnLibrariesApp;
import io.graylane.it.apps.PlainApp;
import io.graylane.it.apps.TaskIdentityApp;
import io.graylane.testkit.app.AppJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built agent jar, attached to small applications in their own JVMs. */
class AgentTest {

    @Test
    void attachesToAPlainProgramWhichStillExitsZero() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class).args("a", "b").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("HELLO a,b"), r::toString);
        assertEquals(1, r.count("[graylane] INFO graylane "), r::toString);
        assertTrue(startLine(r).contains("plugins=[executors"), r::toString);
    }

    @Test
    void laneCrossesEveryExecutorKindAndPoolThreadsDoNotLeakIt() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(ExecutorsApp.class).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(28, r.lines("CHECK ").size(), r::toString);
        assertTrue(r.lines("CHECK ").stream().allMatch(l -> l.endsWith(" OK")), r::toString);
        assertTrue(r.output().contains("ALL OK"), r::toString);
    }

    @Test
    void poolsSeeTheTaskItselfAndPeriodicTasksRunInTheLaneOnlyOnce() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(TaskIdentityApp.class).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(15, r.lines("CHECK ").size(), r::toString);
        assertTrue(r.output().contains("ALL OK"), r::toString);
    }

    @Test
    void outboundHttpAndHttpsCarryTheLaneHeader() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(HttpClientApp.class).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(8, r.lines("CHECK ").size(), r::toString);
        // proves the app can fail: without the agent no header goes out
        ForkedJvm.Result without = ForkedJvm.main(HttpClientApp.class).withoutAgent().run();
        assertEquals(1, without.exitCode(), without::toString);
        assertTrue(without.output().contains("CHECK https connect() then getInputStream observed=- FAIL"), without::toString);
    }

    @Test
    void withoutTheAgentTheSameAppSeesNoLaneOnOtherThreads() throws Exception {
        // proves ExecutorsApp can fail: without the agent nothing carries the lane
        ForkedJvm.Result r = ForkedJvm.main(ExecutorsApp.class).withoutAgent().run();
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.output().contains("CHECK ThreadPoolExecutor.submit(Callable) observed=null FAIL"), r::toString);
    }

    @Test
    void applicationWithItsOwnByteBuddyAndGuavaRunsUnharmed() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(OwnLibrariesApp.class).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("BYTEBUDDY made by the app's ByteBuddy from=byte-buddy-1.14.18.jar loader=app"), r::toString);
        assertTrue(r.output().contains("GUAVA murmur3=") && r.output().contains("loader=app"), r::toString);
        assertTrue(r.output().contains("LANE gray"), r::toString);
    }

    @Test
    void failingInstrumentationsAreDisabledAndTheApplicationKeepsWorking() throws Exception {
        Path ext = extensionJar("ext", "ext", "faulty-plugins.jar");
        ForkedJvm.Result r = ForkedJvm.main(FaultTargetApp.class).agentArgs("extensions=" + ext).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("RESULT 30 other"), r::toString);
        // advice that throws: suppressed, counted, logged once although it failed six times
        assertEquals(1, r.count("graylane advice failed and was skipped"), r::toString);
        // a plugin that cannot list its instrumentations, and one whose advice class is missing: disabled, logged once
        assertEquals(1, r.count("plugin broken-plugin disabled"), r::toString);
        assertEquals(1, r.count("plugin missing-advice disabled"), r::toString);
        // broken-plugin fails at start-up; missing-advice only when its target class loads, after the start-up line
        String start = startLine(r);
        assertTrue(start.matches(".* plugins=\\[executors(, [a-z-]+)*, throwing-advice, missing-advice\\] off=\\[broken-plugin\\]"),
                r::toString);
    }

    @Test
    void namedInstrumentationsAreWovenIntoATargetTheApplicationLoadsFirst() throws Exception {
        Path ext = extensionJar("extnamed", "ext-named", "named-plugin.jar");
        ForkedJvm.Result r = ForkedJvm.main(GreeterApp.class)
                // only this plugin and the executors: so that every active instrumentation names its types
                .agentArgs("extensions=" + ext + ",log.level=debug,plugin.dubbo.enabled=false,"
                        + "plugin.servlet.enabled=false,plugin.rocketmq.enabled=false").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("GREETING hello (woven)"), r::toString);
        assertTrue(r.output().contains("ByteBuddy ready after"), "set up off the start-up path: " + r);
        assertTrue(startLine(r).contains("named-advice"), r::toString);
    }

    @Test
    void invalidConfigurationNamesTheKeyAndDisablesTheAgentNotTheApp() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class).agentArgs("lane=gr@y,admin.port=abc")
                .jvmArg("-Dgraylane.no.such.key=1").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("HELLO"), r::toString);
        assertTrue(r.output().contains("graylane.lane='gr@y' (from agent argument)"), r::toString);
        assertTrue(r.output().contains("graylane.admin.port='abc' (from agent argument): expected a port number"), r::toString);
        assertTrue(r.output().contains("the agent is disabled"), r::toString);
        assertFalse(r.output().contains("[graylane] INFO graylane "), r::toString);
    }

    @Test
    void configurationPrecedenceIsAgentArgsThenSystemPropertiesThenEnvironment() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class).agentArgs("lane=from-args")
                .jvmArg("-Dgraylane.lane=from-sysprop", "-Dgraylane.app=sysprop-app", "-Dgraylane.no.such.key=1")
                .env("GRAYLANE_LANE", "from-env").env("GRAYLANE_APP", "env-app").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(startLine(r).contains("app=sysprop-app lane=from-args"), r::toString);
        assertTrue(r.output().contains("unknown system property -Dgraylane.no.such.key ignored"), r::toString);
        // the environment alone is read (so the line above shows it losing, not being ignored)
        ForkedJvm.Result envOnly = ForkedJvm.main(PlainApp.class)
                .env("GRAYLANE_LANE", "from-env").env("GRAYLANE_APP", "env-app").run();
        assertEquals(0, envOnly.exitCode(), envOnly::toString);
        assertTrue(startLine(envOnly).contains("app=env-app lane=from-env"), envOnly::toString);
    }

    @Test
    void sdkInTheApplicationFollowsTheAgentsLiveRules() throws Exception {
        Path rules = ForkedJvm.workDir("sdk").resolve("rules-" + System.nanoTime() + ".json");
        Files.writeString(rules, GraySdkApp.document("1", true));
        ForkedJvm.Result r = ForkedJvm.main(GraySdkApp.class)
                .agentArgs("rules.file=" + rules + ",rules.file.pollMillis=100").args(rules.toString()).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(3, r.lines("CHECK ").size(), r::toString);
        assertTrue(r.output().contains("SDK ALL OK"), r::toString);
        // proves GraySdkApp can fail: without the agent the SDK sees no rules
        Files.writeString(rules, GraySdkApp.document("1", true));
        ForkedJvm.Result without = ForkedJvm.main(GraySdkApp.class).withoutAgent().args(rules.toString()).run();
        assertEquals(1, without.exitCode(), without::toString);
        assertEquals(List.of("CHECK agent rules seen observed=version= hit=false FAIL"), without.lines("CHECK "),
                without::toString);
    }

    @Test
    void adminEndpointServesStatusAndMetricsOnLoopback() throws Exception {
        Path stop = ForkedJvm.workDir("admin").resolve("stop-" + System.nanoTime());
        int exit;
        try (AppJvm app = ForkedJvm.longRunning(PlainApp.class).agentArgs("admin.port=0,lane=gray,app=admin-test")
                .args("wait=60000", stop.toString()).start()) {
            Pattern portLine = Pattern.compile("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)/status");
            Matcher m = portLine.matcher(app.await("the admin endpoint line", Duration.ofSeconds(60),
                    l -> portLine.matcher(l).find()));
            assertTrue(m.find());
            int port = Integer.parseInt(m.group(1));
            app.assertListensOnLoopbackOnly();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(status.contains("\"app\":\"admin-test\""), status);
            assertTrue(status.contains("\"lane\":\"gray\""), status);
            assertTrue(status.contains("{\"name\":\"executors\",\"status\":\"ACTIVE\""), status);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("# TYPE graylane_advice_errors_total counter"), metrics.body());
            assertTrue(metrics.body().contains("graylane_advice_errors_total 0"), metrics.body());
            Files.writeString(stop, "stop");
            // the admin server must not keep the JVM alive once main() returned
            exit = app.waitFor(Duration.ofSeconds(30));
            assertEquals(0, exit, app::log);
        }
    }

    @Test
    void aCorruptExtensionJarIsReportedByNameAndTheAgentRunsOn() throws Exception {
        Path bad = ForkedJvm.workDir("ext").resolve("corrupt-" + System.nanoTime() + ".jar");
        Files.writeString(bad, "this is not a zip file");
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class).agentArgs("extensions=" + bad + ",lane=gray").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("extension " + bad + " (graylane.extensions) is not a readable jar"), r::toString);
        assertTrue(r.output().contains("lane=gray plugins="), r::toString);
    }

    @Test
    void aSecondJavaagentStartsWhenTheFirstWasRefused() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class).agentArgs("lane=gr@y")
                .jvmArg("-javaagent:" + ForkedJvm.agentJar() + "=lane=gray,app=second").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("the agent is disabled"), r::toString);
        assertFalse(r.output().contains("already running"), r::toString);
        assertTrue(r.output().contains("app=second lane=gray"), r::toString);
    }

    @Test
    void runtimeAttachIsRefusedWithAClearMessageAndTheApplicationRunsOn() throws Exception {
        Path stop = ForkedJvm.workDir("attach").resolve("stop-" + System.nanoTime());
        try (AppJvm app = ForkedJvm.longRunning(PlainApp.class).withoutAgent().args("wait=60000", stop.toString())
                .start()) {
            app.await("HELLO", Duration.ofSeconds(60), l -> l.startsWith("HELLO"));
            Process jcmd = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(app.pid()), "JVMTI.agent_load", ForkedJvm.agentJar().toString())
                    .redirectErrorStream(true).start();
            String answer = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(jcmd.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), answer);
            // the attaching tool sees a failure, the application's output says why
            assertTrue(answer.contains("return code:") && !answer.contains("return code: 0"), answer);
            String refusal = app.await("the refusal", Duration.ofSeconds(30), l -> l.contains("runtime attach"));
            assertTrue(refusal.contains("[graylane] ERROR runtime attach (jcmd JVMTI.agent_load, "
                    + "VirtualMachine.loadAgent) is not supported"), app::log);
            assertFalse(app.log().contains(" started in "), app::log);
            assertTrue(app.isAlive(), app::log);
            Files.writeString(stop, "stop");
            assertEquals(0, app.waitFor(Duration.ofSeconds(30)), app::log);
        }
    }

    @Test
    void anAdminPortInUseIsOneWarningAndTheAgentRunsOn() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ForkedJvm.Result r = ForkedJvm.main(PlainApp.class).agentArgs("admin.port=" + taken.getLocalPort() + ",lane=gray")
                    .run();
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals(1, r.count("admin endpoint could not start"), r::toString);
            assertTrue(r.output().contains("[graylane] WARN admin endpoint could not start on 127.0.0.1:"
                    + taken.getLocalPort()), r::toString);
            assertFalse(r.output().contains("\tat "), () -> "no stack trace: " + r);
            assertTrue(r.output().contains("lane=gray plugins="), r::toString);
        }
    }

    @Test
    void anAdminPortEqualToTheApplicationsOwnPortIsLeftToTheApplication() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // agent-it has no testkit (its libraries would join the apps' class path)
        }
        Path dir = ForkedJvm.workDir("own-port-" + port);
        Files.createDirectories(dir.resolve("config"));
        Files.write(dir.resolve("config/application.properties"),
                ("spring.application.name=order-svc\nserver.port=" + port + "\n").getBytes(StandardCharsets.UTF_8));
        ForkedJvm.Result r = ForkedJvm.main(io.graylane.it.apps.PortOwnerApp.class).directory(dir)
                .agentArgs("admin.port=" + port).args(String.valueOf(port)).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("BOUND " + port), r::toString);
        assertTrue(r.output().contains("[graylane] WARN graylane.admin.port=" + port
                + " is the application's own port (server.port); the admin endpoint stays off"), r::toString);
        assertTrue(r.output().contains("app=order-svc "), () -> "the app name comes from application.properties: " + r);
    }

    @Test
    void theAppNameComesFromTheApplicationYmlOnTheClassPath() throws Exception {
        Path dir = ForkedJvm.workDir("yml-name");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.write(classes.resolve("application.yml"),
                "spring:\n  application:\n    name: billing   # from yml\n".getBytes(StandardCharsets.UTF_8));
        ForkedJvm.Result r = ForkedJvm.main(PlainApp.class)
                .classPathEntry(classes).run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("app=billing "), r::toString);
    }

    @Test
    void commandLineReportsVersion() throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ForkedJvm.agentJar().toString(), "version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertTrue(out.startsWith("graylane 0."), out);
    }

    @Test
    void agentJarHoldsNoUnrelocatedThirdPartyClass() throws IOException {
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.endsWith(".class")) {
                    classes++;
                    if (!n.startsWith("io/graylane/bootstrap/") && !n.startsWith("io/graylane/agent/")) {
                        offenders.add(n);
                    }
                } else if (n.endsWith(".classdata")) {
                    classes++;
                    if (!n.startsWith("inst/io/graylane/")) {
                        offenders.add(n);
                    }
                }
            }
        }
        assertTrue(classes > 1000, "expected ByteBuddy inside the jar, found " + classes + " classes");
        assertTrue(offenders.isEmpty(), "unrelocated or misplaced classes: " + offenders);
    }

    /** The agent's one start-up line. */
    private static String startLine(ForkedJvm.Result r) {
        return r.output().lines().filter(l -> l.contains("[graylane] INFO graylane ") && l.contains(" started in "))
                .findFirst().orElse("");
    }

    /** Packs a test extension (io/graylane/it/&lt;pkg&gt;/** plus its service file) into a jar. */
    static Path extensionJar(String pkg, String servicesDir, String jarName) throws IOException {
        Path classes = Paths.get(FaultTargetApp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = ForkedJvm.workDir("ext").resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes.resolve("io/graylane/it/" + pkg))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.graylane.core.plugin.GraylanePlugin"));
            try (OutputStream ignored = null) {
                Files.copy(classes.resolve(servicesDir + "/io.graylane.core.plugin.GraylanePlugin"), out);
            }
            out.closeEntry();
        }
        return jar;
    }
}
