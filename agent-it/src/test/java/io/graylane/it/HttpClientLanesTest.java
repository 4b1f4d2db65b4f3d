package io.graylane.it;

import io.graylane.core.ingress.SignatureVerifier;
import io.graylane.it.apps.JdkHttpClientApp;
import io.graylane.it.apps.OkHttpClientApp;
import io.graylane.it.apps.ReactorNettyClientApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lane header on OkHttp (3.x, 4.x, 5.x, each from Maven Central on the application's class path in turn) and the
 * JDK's java.net.http client, in forked JVMs with the agent and a signing secret ({@code LaneHeaderChecks}: gray
 * requests carry the lane and a signature graylane's own ingress check accepts, baseline requests nothing, a forged
 * header is replaced or removed, a non-internal destination gets no signature).
 */
class HttpClientLanesTest {
    private static final String SECRET = "http-clients-it-secret-0123456789";
    private static final Pattern SIGNATURE =
            Pattern.compile("SIGNATURE lane=(\\S+) method=(\\S+) path=(\\S+) value=(\\S+)");
    /** The test class path's own OkHttp (the one the app is compiled against) and its dependencies stay off. */
    /** The Reactor Netty on agent-it's test class path (its pom). */
    private static final String REACTOR_NETTY = "1.3.7";
    private static final List<String> OKHTTP_JARS = List.of("okhttp-", "okhttp-jvm-", "okio-", "okio-jvm-", "kotlin-",
            "annotations-13");

    @ParameterizedTest
    @ValueSource(strings = {"3.14.9", "4.12.0", "5.5.1"})
    void okHttpRequestsCarryTheSignedLaneHeader(String version) throws Exception {
        ForkedJvm.Result r = okHttp(version).agentArgs("ingress.hmac-secret=" + SECRET).args("signed").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("CLIENT okhttp/" + version), "the OkHttp that loaded: " + r);
        assertEquals(13, r.lines("CHECK ").size(), r::toString);
        assertSignaturesVerify(r, 4);
    }

    @Test
    void okHttpWithoutTheAgentSendsNoLaneHeader() throws Exception {
        // proves the app can fail: without the agent nothing carries the lane
        ForkedJvm.Result r = okHttp("4.12.0").withoutAgent().args("signed").run();
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.output().contains("CHECK gray GET: lane header observed=- FAIL"), r::toString);
        assertTrue(r.output().contains("CHECK baseline, the application's own header: removed observed=blue FAIL"),
                r::toString);
    }

    @Test
    void okHttpWithoutASecretSendsTheLaneUnsigned() throws Exception {
        ForkedJvm.Result r = okHttp("4.12.0").args("unsigned").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(0, r.lines("SIGNATURE ").size(), r::toString);
    }

    @Test
    void jdkHttpClientRequestsCarryTheSignedLaneHeader() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(JdkHttpClientApp.class).agentArgs("ingress.hmac-secret=" + SECRET)
                .args("signed").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("CLIENT Java-http-client/"), r::toString);
        assertEquals(13, r.lines("CHECK ").size(), r::toString);
        assertSignaturesVerify(r, 4);
        // proves the app can fail: without the agent nothing carries the lane
        ForkedJvm.Result without = ForkedJvm.main(JdkHttpClientApp.class).withoutAgent().args("signed").run();
        assertEquals(1, without.exitCode(), without::toString);
        assertTrue(without.output().contains("CHECK gray GET: lane header observed=- FAIL"), without::toString);
    }

    @Test
    void reactorNettyRequestsCarryTheSignedLaneHeaderFromTheThreadOrTheReactorContext() throws Exception {
        ForkedJvm.Result r = ForkedJvm.main(ReactorNettyClientApp.class).agentArgs("ingress.hmac-secret=" + SECRET)
                .args("signed").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("CLIENT ReactorNetty/" + REACTOR_NETTY), "the Reactor Netty that loaded: " + r);
        assertEquals(15, r.lines("CHECK ").size(), r::toString);
        assertSignaturesVerify(r, 5);
        // proves the app can fail: with the plugin off nothing carries the lane
        ForkedJvm.Result off = ForkedJvm.main(ReactorNettyClientApp.class)
                .agentArgs("ingress.hmac-secret=" + SECRET).jvmArg("-Dgraylane.plugin.reactor-netty.enabled=false")
                .args("signed").run();
        assertEquals(1, off.exitCode(), off::toString);
        assertTrue(off.output().contains("CHECK gray GET: lane header observed=- FAIL"), off::toString);
        assertTrue(off.output().contains("CHECK gray in the Reactor Context only (thread on baseline): lane header"
                + " observed=- FAIL"), off::toString);
    }

    private static ForkedJvm okHttp(String version) throws IOException {
        Path dir = Paths.get(System.getProperty("graylane.it.okhttp.dir", "target/okhttp"), "okhttp-" + version);
        ForkedJvm jvm = ForkedJvm.main(OkHttpClientApp.class).withoutClassPathJars(OKHTTP_JARS);
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertFalse(list.isEmpty(), "no OkHttp jars in " + dir);
            list.forEach(jvm::classPathEntry);
        }
        return jvm;
    }

    /** Every signature the server saw in lane gray is accepted by graylane's ingress check on 127.0.0.1. */
    private static void assertSignaturesVerify(ForkedJvm.Result r, int expected) {
        List<String> lines = r.lines("SIGNATURE ");
        assertEquals(expected, lines.size(), r::toString);
        for (String line : lines) {
            Matcher m = SIGNATURE.matcher(line);
            assertTrue(m.matches(), line);
            assertTrue(SignatureVerifier.verifies(SECRET, m.group(1), m.group(4), m.group(2), m.group(3), "127.0.0.1"),
                    "rejected by the ingress check: " + line);
            assertFalse(SignatureVerifier.verifies(SECRET, "blue", m.group(4), m.group(2), m.group(3), "127.0.0.1"),
                    "accepted for another lane: " + line);
        }
    }
}
