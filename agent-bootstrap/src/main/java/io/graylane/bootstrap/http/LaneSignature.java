package io.graylane.bootstrap.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The lane header's signature, shared by the ingress that verifies it and the HTTP clients that send it (JDK-only):
 * {@code v2:<epochSeconds>:<hex HMAC-SHA256(secret, canonical)>:<audience>}, where {@code canonical} is
 * <pre>graylane-lane-v2 \n lane \n audience \n METHOD \n path \n epochSeconds</pre> (joined by {@code \n}, no spaces):
 * the lane, the destination host the request was sent to (lower case, no port, no IPv6 brackets), the HTTP method in
 * upper case and the path as sent (not decoded, without the query string; {@code /} when empty). A signature is only
 * good for that node, that method and that path, for a short time.
 */
public final class LaneSignature {
    public static final String VERSION = "v2";

    private LaneSignature() {
    }

    /** An HMAC-SHA256 for {@code key} (a {@code Mac} is not thread-safe: one per thread). */
    public static Mac mac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A host as an audience: lower case, without IPv6 brackets or a trailing dot; null for null. */
    public static String audience(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** A request path as signed: without query string or fragment, {@code /} when empty. */
    public static String path(String path) {
        if (path == null) {
            return "/";
        }
        int end = path.length();
        int q = path.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int f = path.indexOf('#');
        if (f >= 0 && f < end) {
            end = f;
        }
        String p = path.substring(0, end);
        return p.isEmpty() ? "/" : p;
    }

    /** The HMAC of the canonical text (see the class comment). */
    public static byte[] digest(Mac mac, String lane, String audience, String method, String path, long epochSeconds) {
        String canonical = "graylane-lane-" + VERSION + '\n' + lane + '\n' + audience(audience) + '\n'
                + (method == null ? "" : method.trim().toUpperCase(Locale.ROOT)) + '\n' + path(path) + '\n' + epochSeconds;
        return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code v2:<epochSeconds>:<hex digest>:<audience>}. */
    public static String sign(Mac mac, String lane, String audience, String method, String path, long epochSeconds) {
        byte[] d = digest(mac, lane, audience, method, path, epochSeconds);
        StringBuilder sb = new StringBuilder(96).append(VERSION).append(':').append(epochSeconds).append(':');
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.append(':').append(audience(audience)).toString();
    }
}
