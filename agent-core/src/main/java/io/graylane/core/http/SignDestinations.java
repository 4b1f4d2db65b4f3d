package io.graylane.core.http;

import io.graylane.bootstrap.http.LaneSignature;
import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.core.ingress.TrustedCallers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code graylane.http-client.sign-destinations}: the hosts that get a signed lane header — CIDR blocks or literal
 * addresses (matched against literal hosts only), exact host names, and {@code .example.internal} for every name ending
 * so. Host names are never resolved.
 */
final class SignDestinations implements OutboundHttp.Destinations {
    private final TrustedCallers blocks;
    private final Set<String> names;
    private final List<String> suffixes;
    private final String text;

    private SignDestinations(TrustedCallers blocks, Set<String> names, List<String> suffixes, String text) {
        this.blocks = blocks;
        this.names = names;
        this.suffixes = suffixes;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the bad entry */
    static SignDestinations parse(List<String> entries) {
        List<String> cidrs = new ArrayList<String>();
        Set<String> names = new HashSet<String>();
        List<String> suffixes = new ArrayList<String>();
        for (String e : entries) {
            String v = LaneSignature.audience(e);
            if (v.startsWith(".") && v.length() > 1 && isName(v.substring(1))) {
                suffixes.add(v);
            } else if (v.indexOf(':') >= 0 || v.indexOf('/') >= 0 || v.matches("[0-9.]+")) {
                cidrs.add(v);
            } else if (isName(v)) {
                names.add(v);
            } else {
                throw new IllegalArgumentException("'" + e + "' is not a host name, .domain suffix, address or CIDR block");
            }
        }
        return new SignDestinations(TrustedCallers.parse(cidrs), names, suffixes, String.join(",", entries));
    }

    private static boolean isName(String v) {
        return v.matches("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
    }

    @Override
    public boolean contains(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (names.contains(host) || blocks.contains(host)) {
            return true;
        }
        for (String s : suffixes) {
            if (host.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
