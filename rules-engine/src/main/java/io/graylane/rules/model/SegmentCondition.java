package io.graylane.rules.model;

import io.graylane.rules.eval.IpAddresses;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SEGMENT with IN and NOT_IN: the attribute is a member when it equals one of the plain strings,
 * is an integer inside one of the ranges ({@code 100-200}, or a single integer), or is an IP address
 * inside one of the CIDRs (an address written without {@code /n} is a /32 or /128).
 * IPv4 and IPv6 never match each other.
 */
public final class SegmentCondition extends Condition {
    private final Set<String> strings;
    private final long[] rangeFrom;
    private final long[] rangeTo;
    private final long[] v4Net;
    private final long[] v4Mask;
    private final long[] v6Hi;
    private final long[] v6Lo;
    private final long[] v6MaskHi;
    private final long[] v6MaskLo;

    /** Members, already classified by the compiler. */
    public static final class Members {
        public final Set<String> strings = new HashSet<>();
        public final List<long[]> ranges = new java.util.ArrayList<>();   // {from, to}
        public final List<long[]> v4 = new java.util.ArrayList<>();       // {net, mask}
        public final List<long[]> v6 = new java.util.ArrayList<>();       // {hi, lo, maskHi, maskLo}
    }

    public SegmentCondition(String subject, Predicate predicate, List<String> objects, Members m) {
        super(ConditionType.SEGMENT, subject, predicate, objects);
        this.strings = new HashSet<>(m.strings);
        int r = m.ranges.size();
        rangeFrom = new long[r];
        rangeTo = new long[r];
        for (int i = 0; i < r; i++) {
            rangeFrom[i] = m.ranges.get(i)[0];
            rangeTo[i] = m.ranges.get(i)[1];
        }
        int a = m.v4.size();
        v4Net = new long[a];
        v4Mask = new long[a];
        for (int i = 0; i < a; i++) {
            v4Net[i] = m.v4.get(i)[0];
            v4Mask[i] = m.v4.get(i)[1];
        }
        int b = m.v6.size();
        v6Hi = new long[b];
        v6Lo = new long[b];
        v6MaskHi = new long[b];
        v6MaskLo = new long[b];
        for (int i = 0; i < b; i++) {
            long[] x = m.v6.get(i);
            v6Hi[i] = x[0];
            v6Lo[i] = x[1];
            v6MaskHi[i] = x[2];
            v6MaskLo[i] = x[3];
        }
    }

    @Override
    protected boolean test(String v) {
        return contains(v) != (predicate() == Predicate.NOT_IN);
    }

    private boolean contains(String v) {
        if (!strings.isEmpty() && strings.contains(v)) {
            return true;
        }
        if (rangeFrom.length > 0 && isInteger(v)) {
            long x = parseLong(v);
            for (int i = 0; i < rangeFrom.length; i++) {
                if (x >= rangeFrom[i] && x <= rangeTo[i]) {
                    return true;
                }
            }
        }
        if (v4Net.length > 0) {
            long ip = IpAddresses.ipv4(v);
            if (ip != IpAddresses.INVALID_V4) {
                for (int i = 0; i < v4Net.length; i++) {
                    if ((ip & v4Mask[i]) == v4Net[i]) {
                        return true;
                    }
                }
                return false;
            }
        }
        if (v6Hi.length > 0 && v.indexOf(':') >= 0 && IpAddresses.isIpv6(v)) {
            long hi = IpAddresses.ipv6High(v);
            long lo = IpAddresses.ipv6Low(v);
            for (int i = 0; i < v6Hi.length; i++) {
                if ((hi & v6MaskHi[i]) == v6Hi[i] && (lo & v6MaskLo[i]) == v6Lo[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final String MAX = "9223372036854775807";
    private static final String MIN_MAGNITUDE = "9223372036854775808";

    /**
     * Optional minus and at least one digit, with a value in the signed 64-bit range (leading zeros allowed:
     * {@code 0350} is 350). Allocates nothing.
     */
    public static boolean isInteger(String s) {
        int n = s.length();
        boolean neg = n > 0 && s.charAt(0) == '-';
        int i = neg ? 1 : 0;
        if (i >= n) {
            return false;
        }
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        while (i < n - 1 && s.charAt(i) == '0') {
            i++;
        }
        int digits = n - i;
        if (digits != 19) {
            return digits < 19;
        }
        String limit = neg ? MIN_MAGNITUDE : MAX;
        for (int k = 0; k < 19; k++) {
            char a = s.charAt(i + k);
            char b = limit.charAt(k);
            if (a != b) {
                return a < b;
            }
        }
        return true;
    }

    /** The value of text for which {@link #isInteger} is true (accumulated negatively, so Long.MIN_VALUE fits). */
    public static long parseLong(String s) {
        boolean neg = s.charAt(0) == '-';
        long v = 0;
        for (int i = neg ? 1 : 0; i < s.length(); i++) {
            v = v * 10 - (s.charAt(i) - '0');
        }
        return neg ? v : -v;
    }
}
