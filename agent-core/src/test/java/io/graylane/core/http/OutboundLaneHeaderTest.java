package io.graylane.core.http;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.bootstrap.http.PrivateDestinations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lane header on an outbound request (real, unconnected {@code HttpURLConnection}s) is the agent's decision, not a
 * copy of what the application received.
 */
class OutboundLaneHeaderTest {
    @AfterEach
    void reset() {
        OutboundHttp.configure(null, null);
    }

    /** A request on which the application put {@code blue} (e.g. copied from its incoming request), sent in {@code lane}. */
    static HttpURLConnection send(String lane) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://10.1.2.3:8080/next").openConnection();
        c.setRequestProperty("x-graylane-lane", "blue");
        c.setRequestProperty("x-graylane-lane-signature", "v2:1:00:10.9.9.9");
        try (LaneContext.Scope ignored = LaneContext.enter(lane == null ? null : LaneSnapshot.of(lane, LaneSnapshot.ORIGIN_RULE))) {
            OutboundHttp.beforeSend(c);
        }
        return c;
    }

    static String blank(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    @Test
    void inALaneTheApplicationsCopiedHeaderIsReplacedByTheLane() throws Exception {
        OutboundHttp.configure("x-graylane-lane", null);
        HttpURLConnection c = send("gray");
        assertEquals("gray", c.getRequestProperty("x-graylane-lane"));
        assertNull(blank(c.getRequestProperty("x-graylane-lane-signature")), "a copied signature is not forwarded");
    }

    @Test
    void onBaselineTheApplicationsCopiedHeaderIsRemoved() throws Exception {
        OutboundHttp.configure("x-graylane-lane", null);
        HttpURLConnection c = send(null);
        assertNull(blank(c.getRequestProperty("x-graylane-lane")));
        assertNull(blank(c.getRequestProperty("x-graylane-lane-signature")));
    }

    @Test
    void theApplicationsHeaderIsKeptOnlyWhenTheUserOptsOut() throws Exception {
        OutboundHttp.configure("x-graylane-lane", null, null, true);
        assertEquals("blue", send("gray").getRequestProperty("x-graylane-lane"));
        assertEquals("blue", send(null).getRequestProperty("x-graylane-lane"));
    }

    @Test
    void signDestinationsAreAddressesNamesAndSuffixesNeverResolved() {
        SignDestinations d = SignDestinations.parse(List.of("10.0.0.0/8", "orders", ".svc.cluster.local", "::1"));
        assertTrue(d.contains("10.1.2.3"));
        assertTrue(d.contains("orders"));
        assertTrue(d.contains("pay.ns.svc.cluster.local"));
        assertTrue(d.contains("0:0:0:0:0:0:0:1"));
        assertFalse(d.contains("192.168.1.1"));
        assertFalse(d.contains("orders.evil.example"));
        assertFalse(d.contains("svc.cluster.local.evil.example"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignDestinations.parse(List.of("http://x/")));
        assertTrue(e.getMessage().contains("http://x/"), e.getMessage());
    }

    @Test
    void theDefaultSignDestinationsAreLocalhostLoopbackAndPrivateAddresses() {
        for (String in : List.of("localhost", "127.0.0.1", "10.255.0.1", "172.16.0.1", "172.31.9.9", "192.168.3.4", "::1",
                "fd00::5")) {
            assertTrue(PrivateDestinations.INSTANCE.contains(in), in);
        }
        for (String out : List.of("8.8.8.8", "172.32.0.1", "169.254.169.254", "100.64.0.1", "api.example.com", "orders",
                "2001:db8::1", "10.0.0.1.nip.io")) {
            assertFalse(PrivateDestinations.INSTANCE.contains(out), out);
        }
    }
}
