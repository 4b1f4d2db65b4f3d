package io.graylane.core.ingress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of CIDR blocks (IPv4 and IPv6, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}) that callers
 * must come from for their lane header to be believed. Addresses are parsed as literals only: no DNS lookup, ever.
 */
public final class TrustedCallers {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
    public static final TrustedCallers NONE = new TrustedCallers(Collections.<byte[][]>emptyList(), "");

    private final List<byte[][]> blocks;
    private final String text;

    private TrustedCallers(List<byte[][]> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the bad entry */
    public static TrustedCallers parse(List<String> cidrs) {
        if (cidrs == null || cidrs.isEmpty()) {
            return NONE;
        }
        List<byte[][]> blocks = new ArrayList<byte[][]>();
        for (String c : cidrs) {
            String s = c.trim();
            int slash = s.indexOf('/');
            String addr = slash < 0 ? s : s.substring(0, slash);
            byte[] a = literal(addr);
            if (a == null) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8)");
            }
            int bits = a.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > a.length * 8) {
                    throw new IllegalArgumentException("'" + s + "': prefix length must be 0.." + a.length * 8);
                }
            }
            byte[] mask = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                int b = Math.max(0, Math.min(8, bits - i * 8));
                mask[i] = (byte) (b == 0 ? 0 : (0xFF << (8 - b)));
                a[i] &= mask[i];
            }
            blocks.add(new byte[][] {a, mask});
        }
        return new TrustedCallers(blocks, String.join(",", cidrs));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when {@code address} (a literal IP, e.g. from getRemoteAddr()) is inside one of the blocks. */
    public boolean contains(String address) {
        if (blocks.isEmpty() || address == null) {
            return false;
        }
        byte[] a = literal(address);
        if (a == null) {
            return false;
        }
        for (byte[][] block : blocks) {
            byte[] net = block[0];
            byte[] mask = block[1];
            if (net.length != a.length) {
                continue;
            }
            boolean in = true;
            for (int i = 0; i < a.length && in; i++) {
                in = (a[i] & mask[i]) == net[i];
            }
            if (in) {
                return true;
            }
        }
        return false;
    }

    static byte[] literal(String s) {
        if (s == null) {
            return null;
        }
        String v = s.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        int zone = v.indexOf('%');
        if (zone >= 0) {
            v = v.substring(0, zone);
        }
        if (v.isEmpty() || !LITERAL.matcher(v).matches() || (v.indexOf(':') < 0 && !isDottedQuad(v))) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(v).getAddress();
            // IPv4-mapped IPv6 is returned as 4 bytes by InetAddress: compare as IPv4
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String v) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
