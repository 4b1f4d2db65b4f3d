package io.graylane.bootstrap.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * The lane header's signature, shared by the ingress that verifies it and the HTTP clients that send it:
 * {@code <epochSeconds>:<hex HMAC-SHA256(secret, lane + ":" + epochSeconds)>}. JDK-only.
 */
public final class LaneSignature {
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

    /** The HMAC of {@code lane + ":" + epochSeconds}. */
    public static byte[] digest(Mac mac, String lane, long epochSeconds) {
        return mac.doFinal((lane + ":" + epochSeconds).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code <epochSeconds>:<hex digest>}. */
    public static String sign(Mac mac, String lane, long epochSeconds) {
        byte[] d = digest(mac, lane, epochSeconds);
        StringBuilder sb = new StringBuilder(24 + 2 * d.length).append(epochSeconds).append(':');
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
