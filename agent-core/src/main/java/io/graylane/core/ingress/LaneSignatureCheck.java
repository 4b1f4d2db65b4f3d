package io.graylane.core.ingress;

import io.graylane.bootstrap.http.LaneSignature;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a lane header's signature ({@link LaneSignature}, {@code v2:<epochSeconds>:<hex>:<audience>}) on an inbound
 * request. Believed only when all hold: the audience is this node — one of {@code graylane.ingress.audience}, or the
 * local address the request arrived on (or {@code localhost} when that is a loopback address); it was made at most
 * {@link #MAX_AGE_SECONDS} ago and at most {@link #MAX_AHEAD_SECONDS} in the future (clock skew); and the HMAC over lane,
 * audience, method and path matches this request's. A signature sent to any other host is useless here. Thread-safe.
 */
final class LaneSignatureCheck {
    static final long MAX_AGE_SECONDS = 30;
    static final long MAX_AHEAD_SECONDS = 5;

    private final Set<String> audiences;
    private final ThreadLocal<Mac> mac;

    LaneSignatureCheck(String secret, List<String> audiences) {
        final byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        Set<String> a = new LinkedHashSet<String>();
        for (String s : audiences == null ? Collections.<String>emptyList() : audiences) {
            a.add(LaneSignature.audience(s));
        }
        this.audiences = a;
        this.mac = new ThreadLocal<Mac>() {
            @Override
            protected Mac initialValue() {
                return LaneSignature.mac(key);
            }
        };
    }

    boolean verify(String lane, String signature, IngressRequest req, long nowSeconds) {
        if (signature == null) {
            return false;
        }
        String[] parts = signature.trim().split(":", 4);
        if (parts.length != 4 || !LaneSignature.VERSION.equals(parts[0])) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (ts < nowSeconds - MAX_AGE_SECONDS || ts > nowSeconds + MAX_AHEAD_SECONDS) {
            return false;
        }
        String audience = LaneSignature.audience(parts[3]);
        if (!isMe(audience, req.localAddr())) {
            return false;
        }
        byte[] given = hex(parts[2]);
        return given != null && MessageDigest.isEqual(
                LaneSignature.digest(mac.get(), lane, audience, req.method(), req.path(), ts), given);
    }

    /** {@code audience} names this node: configured, or the local address of the connection (never the Host header). */
    private boolean isMe(String audience, String localAddr) {
        if (audience.isEmpty()) {
            return false;
        }
        if (audiences.contains(audience)) {
            return true;
        }
        byte[] local = TrustedCallers.literal(localAddr);
        if (local == null) {
            return false;
        }
        if ("localhost".equals(audience)) {
            return local.length == 4 ? (local[0] & 0xFF) == 127 : isV6Loopback(local);
        }
        byte[] a = TrustedCallers.literal(audience);
        return a != null && Arrays.equals(a, local);
    }

    private static boolean isV6Loopback(byte[] a) {
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 1;
    }

    private static byte[] hex(String s) {
        if (s.length() != 64) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    @Override
    public String toString() {
        return "audience=" + (audiences.isEmpty() ? "(local address)" : audiences + "+local address");
    }
}
