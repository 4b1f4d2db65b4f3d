package io.graylane.bootstrap.http;

import java.net.InetAddress;

/**
 * The default destinations of signed lane headers: {@code localhost} and literal addresses in the loopback
 * ({@code 127.0.0.0/8}, {@code ::1}) and private ranges ({@code 10.0.0.0/8}, {@code 172.16.0.0/12},
 * {@code 192.168.0.0/16}, {@code fc00::/7}). Host names are never resolved: any other name is not a destination.
 */
public final class PrivateDestinations implements OutboundHttp.Destinations {
    public static final PrivateDestinations INSTANCE = new PrivateDestinations();

    private PrivateDestinations() {
    }

    @Override
    public boolean contains(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if ("localhost".equals(host)) {
            return true;
        }
        byte[] a = literal(host);
        if (a == null) {
            return false;
        }
        if (a.length == 4) {
            int b0 = a[0] & 0xFF;
            int b1 = a[1] & 0xFF;
            return b0 == 127 || b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168);
        }
        boolean loopback = true;
        for (int i = 0; i < 15; i++) {
            loopback &= a[i] == 0;
        }
        return (loopback && a[15] == 1) || (a[0] & 0xFE) == 0xFC;
    }

    /** The address of a literal IPv4 (dotted quad) or IPv6 host, or null for a name (never looked up). */
    private static byte[] literal(String host) {
        boolean v6 = host.indexOf(':') >= 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':' || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return null;
            }
        }
        if (!v6) {
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (Exception e) {
            return null;
        }
    }
}
