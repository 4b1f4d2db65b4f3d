package io.graylane.plugin.servlet;

import java.net.URLDecoder;

/** Reads one parameter from a raw query string (never the request body). */
public final class QueryStrings {
    private QueryStrings() {
    }

    /** The decoded value of {@code name} in {@code query}; "" for a key without '='; null when absent. */
    public static String parameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        int start = 0;
        while (start <= query.length()) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            String key = eq >= 0 && eq < end ? query.substring(start, eq) : query.substring(start, end);
            if (decode(key).equals(name)) {
                return eq >= 0 && eq < end ? decode(query.substring(eq + 1, end)) : "";
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return null;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, "UTF-8");
        } catch (Exception e) {
            return s;
        }
    }
}
