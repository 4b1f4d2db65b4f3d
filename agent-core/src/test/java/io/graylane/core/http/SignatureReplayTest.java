package io.graylane.core.http;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.ingress.IngressRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the outbound side signs (real, unconnected {@code HttpURLConnection}s) replayed to an ingress that shares the
 * secret: only a signature made for that node, that method and that path is believed.
 */
class SignatureReplayTest {
    static final String SECRET = "replay-test-secret-0123";

    @AfterEach
    void reset() {
        OutboundHttp.configure(null, null);
    }

    /** The signature header the agent puts on a request sent in lane {@code gray}, or null. */
    static String signedFor(String method, String url) throws Exception {
        OutboundHttp.configure("x-graylane-lane", SECRET);
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod(method);
        try (LaneContext.Scope ignored = LaneContext.enter(LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_RULE))) {
            OutboundHttp.beforeSend(c);
        }
        assertEquals("gray", c.getRequestProperty("x-graylane-lane"));
        return c.getRequestProperty("x-graylane-lane-signature");
    }

    /** The lane a node answering on {@code localAddr} gives a replayed request from an untrusted address. */
    static String laneAt(String localAddr, String method, String path, String signature) {
        IngressColoring node = new IngressColoring(null, null, SECRET, null, null, null, false);
        LaneSnapshot s = node.decide(new Replayed(localAddr, method, path, signature));
        return s == null ? null : s.lane();
    }

    @Test
    void callsToAThirdPartyHostCarryNoSignature() throws Exception {
        assertNull(signedFor("GET", "http://api.thirdparty.example/v1/pay"));
        assertNull(signedFor("GET", "http://203.0.113.5/v1/pay"));
    }

    @Test
    void aSignatureIsBelievedOnlyByItsAudienceForItsMethodAndPath() throws Exception {
        String sig = signedFor("GET", "http://10.1.2.3:8080/orders/7?x=1");
        assertNotNull(sig);
        assertEquals("gray", laneAt("10.1.2.3", "GET", "/orders/7", sig));
        // captured and replayed to another node of ours
        assertNull(laneAt("10.1.2.4", "GET", "/orders/7", sig));
        // replayed to the same node for another request
        assertNull(laneAt("10.1.2.3", "POST", "/orders/7", sig));
        assertNull(laneAt("10.1.2.3", "GET", "/admin/refund", sig));
    }

    static final class Replayed implements IngressRequest {
        final String local;
        final String method;
        final String path;
        final String signature;

        Replayed(String local, String method, String path, String signature) {
            this.local = local;
            this.method = method;
            this.path = path;
            this.signature = signature;
        }

        @Override
        public String header(String name) {
            return "x-graylane-lane".equalsIgnoreCase(name) ? "gray"
                    : "x-graylane-lane-signature".equalsIgnoreCase(name) ? signature : null;
        }

        @Override
        public List<String> headers(String name) {
            String v = header(name);
            return v == null ? Collections.emptyList() : Collections.singletonList(v);
        }

        @Override
        public String cookie(String name) {
            return null;
        }

        @Override
        public String query(String name) {
            return null;
        }

        @Override
        public String remoteAddr() {
            return "198.51.100.66";
        }

        @Override
        public String localAddr() {
            return local;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String method() {
            return method;
        }
    }
}
