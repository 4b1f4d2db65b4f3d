package io.graylane.core.ingress;

import io.graylane.bootstrap.LaneSnapshot;
import org.junit.jupiter.api.Test;

import io.graylane.bootstrap.metrics.MetricRegistry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngressColoringTest {
    static final String SECRET = "0123456789abcdef-secret";

    static final class FakeRequest implements IngressRequest {
        final Map<String, List<String>> headers = new HashMap<>();
        final Map<String, String> cookies = new HashMap<>();
        final Map<String, String> query = new HashMap<>();
        String remote = "203.0.113.7";
        String local;
        String method = "GET";
        String path = "/p";

        FakeRequest header(String n, String v) {
            headers.put(n.toLowerCase(), new ArrayList<>(List.of(v)));
            return this;
        }

        /** One more line of a header (a repeated header). */
        FakeRequest addHeader(String n, String v) {
            headers.computeIfAbsent(n.toLowerCase(), k -> new ArrayList<>()).add(v);
            return this;
        }

        @Override
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase());
            return v == null ? null : v.get(0);
        }

        @Override
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }

        @Override
        public String localAddr() {
            return local;
        }

        @Override
        public String cookie(String name) {
            return cookies.get(name);
        }

        @Override
        public String query(String name) {
            return query.get(name);
        }

        @Override
        public String remoteAddr() {
            return remote;
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

    @Test
    void untrustedLaneHeaderIsIgnoredByDefault() {
        IngressColoring c = new IngressColoring(null, null, null, null, null, null, false);
        assertNull(c.decide(new FakeRequest().header("x-graylane-lane", "gray")));
    }

    @Test
    void trustedCidrMakesTheHeaderCount() {
        IngressColoring c = new IngressColoring(null, TrustedCallers.parse(Arrays.asList("10.0.0.0/8", "::1/128")), null,
                null, null, null, false);
        FakeRequest r = new FakeRequest().header("x-graylane-lane", "gray");
        r.remote = "10.2.3.4";
        LaneSnapshot s = c.decide(r);
        assertEquals("gray", s.lane());
        assertEquals(LaneSnapshot.ORIGIN_TRUSTED_HEADER, s.origin());
        r.remote = "11.2.3.4";
        assertNull(c.decide(r));
        r.remote = "0:0:0:0:0:0:0:1";
        assertEquals("gray", c.decide(r).lane());
        // not a lane name: not used even from a trusted caller
        r.header("x-graylane-lane", "gray; drop");
        assertNull(c.decide(r));
    }

    @Test
    void madeUpTrustedLanesNeverCrowdOutLaterOnesAndTheirLabelsStayBounded() {
        IngressColoring c = new IngressColoring(null, TrustedCallers.parse(List.of("10.0.0.0/8")), null, null, null,
                null, false);
        long seriesBefore = ingressSeries();
        for (int i = 0; i < 1200; i++) {
            FakeRequest r = new FakeRequest().header("x-graylane-lane", "made-up-" + i);
            r.remote = "10.0.0.9";
            LaneSnapshot s = c.decide(r);
            assertEquals("made-up-" + i, s == null ? null : s.lane(), "trusted lane " + i);
        }
        // a bounded number of series: one 'other' label per reason, not one per made-up lane
        long added = ingressSeries() - seriesBefore;
        assertTrue(added <= 1, "series added: " + added);
    }

    static long ingressSeries() {
        return MetricRegistry.renderPrometheus().lines().filter(l -> l.startsWith("graylane_ingress_requests_total{"))
                .count();
    }

    /** A request to this node (local address 10.0.0.5) carrying a lane header signed as {@code sig}. */
    static FakeRequest signed(String sig) {
        FakeRequest r = new FakeRequest().header("x-lane", "gray").header("x-lane-signature", sig);
        r.local = "10.0.0.5";
        r.path = "/orders/7";
        return r;
    }

    static String lane(IngressColoring c, FakeRequest r) {
        LaneSnapshot s = c.decide(r);
        return s == null ? null : s.lane();
    }

    @Test
    void hmacSignatureIsCheckedForLaneAudienceMethodPathAndAShortWindow() {
        IngressColoring c = new IngressColoring("x-lane", null, SECRET, List.of("Orders.internal"), null, null, null,
                false);
        long now = System.currentTimeMillis() / 1000;
        assertEquals("gray", lane(c, signed(IngressColoring.sign(SECRET, "gray", "10.0.0.5", "GET", "/orders/7", now))));
        assertEquals("gray", lane(c, signed(IngressColoring.sign(SECRET, "gray", "orders.internal", "get", "/orders/7?a=b", now))));
        // another lane, secret, audience, method or path
        assertNull(lane(c, signed(IngressColoring.sign(SECRET, "blue", "10.0.0.5", "GET", "/orders/7", now))));
        assertNull(lane(c, signed(IngressColoring.sign("another-secret-0123", "gray", "10.0.0.5", "GET", "/orders/7", now))));
        assertNull(lane(c, signed(IngressColoring.sign(SECRET, "gray", "api.thirdparty.example", "GET", "/orders/7", now))));
        assertNull(lane(c, signed(IngressColoring.sign(SECRET, "gray", "10.0.0.6", "GET", "/orders/7", now))));
        assertNull(lane(c, signed(IngressColoring.sign(SECRET, "gray", "10.0.0.5", "POST", "/orders/7", now))));
        assertNull(lane(c, signed(IngressColoring.sign(SECRET, "gray", "10.0.0.5", "GET", "/orders/8", now))));
        // the audience in the header is what was signed: claiming another one breaks the HMAC
        String forOther = IngressColoring.sign(SECRET, "gray", "10.0.0.6", "GET", "/orders/7", now);
        assertNull(lane(c, signed(forOther.substring(0, forOther.lastIndexOf(':')) + ":10.0.0.5")));
        // 30 s old at most, 5 s ahead at most
        assertEquals("gray", lane(c, signed(IngressColoring.sign(SECRET, "gray", "10.0.0.5", "GET", "/orders/7", now - 25))));
        assertNull(lane(c, signed(IngressColoring.sign(SECRET, "gray", "10.0.0.5", "GET", "/orders/7", now - 40))));
        assertNull(lane(c, signed(IngressColoring.sign(SECRET, "gray", "10.0.0.5", "GET", "/orders/7", now + 60))));
        // the old unbound format, garbage
        assertNull(lane(c, signed(now + ":" + "00".repeat(32))));
        assertNull(lane(c, signed("garbage")));
        assertNull(lane(c, signed("v2:" + now + ":zz:10.0.0.5")));
    }

    @Test
    void localhostIsAnAudienceOnlyOnLoopback() {
        IngressColoring c = new IngressColoring("x-lane", null, SECRET, null, null, null, false);
        long now = System.currentTimeMillis() / 1000;
        FakeRequest r = signed(IngressColoring.sign(SECRET, "gray", "localhost", "GET", "/orders/7", now));
        assertNull(lane(c, r));
        r.local = "127.0.0.1";
        assertEquals("gray", lane(c, r));
    }

    @Test
    void nodeColoringOnlyWhenAsked() {
        assertNull(new IngressColoring(null, null, null, null, null, "gray", false).decide(new FakeRequest()));
        LaneSnapshot s = new IngressColoring(null, null, null, null, null, "gray", true).decide(new FakeRequest());
        assertEquals("gray", s.lane());
        assertEquals(LaneSnapshot.ORIGIN_NODE, s.origin());
    }

    @Test
    void attributesForRules() {
        IngressColoring c = new IngressColoring(null, TrustedCallers.parse(Collections.singletonList("127.0.0.1")), null,
                "X-Forwarded-For", null, null, false);
        FakeRequest r = new FakeRequest().header("x-user", "u1").header("X-Forwarded-For", "10.9.1.1, 127.0.0.1");
        r.cookies.put("uid", "c1");
        r.query.put("beta", "1");
        assertEquals("u1", c.attribute(r, "x-user"));
        assertEquals("u1", c.attribute(r, "header.x-user"));
        assertEquals("c1", c.attribute(r, "cookie.uid"));
        assertEquals("c1", c.attribute(r, "uid"));
        assertEquals("1", c.attribute(r, "query.beta"));
        assertEquals("/p", c.attribute(r, "path"));
        assertEquals("GET", c.attribute(r, "method"));
        // the peer is not trusted: its X-Forwarded-For is ignored
        assertEquals("203.0.113.7", c.attribute(r, "clientIp"));
        r.remote = "127.0.0.1";
        assertEquals("10.9.1.1", c.attribute(r, "clientIp"));
    }

    static long forged() {
        return metric("graylane_ingress_forged_lane_total");
    }

    static long metric(String series) {
        return MetricRegistry.renderPrometheus().lines().filter(l -> l.startsWith(series + " "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anEmptyLaneHeaderBeforeARealOneIsStillAForgery() {
        IngressColoring c = new IngressColoring(null, null, null, null, null, null, false);
        long before = forged();
        assertNull(c.decide(new FakeRequest().header("x-graylane-lane", "").addHeader("x-graylane-lane", "gray")));
        assertEquals(before + 1, forged());
        assertNull(c.decide(new FakeRequest().header("x-graylane-lane", " ")));
        assertEquals(before + 1, forged(), "an empty header alone claims nothing");
    }

    @Test
    void aTrustedCallersRealLaneAfterAnEmptyHeaderIsUsedButTwoDifferentLanesAreNot() {
        IngressColoring c = new IngressColoring(null, TrustedCallers.parse(List.of("10.0.0.0/8")), null, null, null,
                null, false);
        FakeRequest r = new FakeRequest().header("x-graylane-lane", "").addHeader("x-graylane-lane", "gray");
        r.remote = "10.1.1.1";
        assertEquals("gray", c.decide(r).lane());
        r.addHeader("x-graylane-lane", "blue");
        assertNull(c.decide(r), "ambiguous: two different lanes");
    }

    @Test
    void clientIpWalksXForwardedForFromTheRightSkippingTrustedProxies() {
        IngressColoring c = new IngressColoring(null, TrustedCallers.parse(List.of("127.0.0.1", "10.0.0.0/8")), null,
                "X-Forwarded-For", null, null, false);
        FakeRequest r = new FakeRequest();
        r.remote = "127.0.0.1";
        // the client wrote "6.6.6.6" itself; the appending proxy (10.1.1.1) saw 198.51.100.4
        r.header("X-Forwarded-For", "6.6.6.6, 198.51.100.4, 10.1.1.1");
        assertEquals("198.51.100.4", c.clientIp(r));
        // several header lines are one list, in order
        r.header("X-Forwarded-For", "6.6.6.6").addHeader("X-Forwarded-For", "198.51.100.4 ,10.1.1.1");
        assertEquals("198.51.100.4", c.clientIp(r));
        // every entry is a trusted proxy: the leftmost one
        r.header("X-Forwarded-For", "10.2.2.2, 10.1.1.1");
        assertEquals("10.2.2.2", c.clientIp(r));
        // an untrusted peer's header is not read at all
        r.remote = "198.51.100.9";
        assertEquals("198.51.100.9", c.clientIp(r));
    }

    @Test
    void badConfigurationIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedCallers.parse(Collections.singletonList("10.0.0.0/33")));
        assertTrue(e.getMessage().contains("10.0.0.0/33"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedCallers.parse(Collections.singletonList("example.com")));
        assertFalse(TrustedCallers.parse(Collections.singletonList("10.0.0.0/8")).contains("example.com"));
    }
}
