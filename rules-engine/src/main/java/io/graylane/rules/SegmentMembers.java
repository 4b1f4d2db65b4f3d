package io.graylane.rules;

import io.graylane.rules.eval.IpAddresses;
import io.graylane.rules.json.Json;
import io.graylane.rules.model.SegmentCondition;

import java.util.regex.Matcher;

/** Classifies SEGMENT members (CIDR, IP address, integer, integer range, or plain text). */
final class SegmentMembers {
    private static final java.util.regex.Pattern INT_RANGE = java.util.regex.Pattern.compile("(-?\\d{1,18})-(-?\\d{1,18})");

    private SegmentMembers() {
    }

    /** Classifies one SEGMENT member; returns an error message or null. */
    static String classify(String t, SegmentCondition.Members members) {
        int slash = t.indexOf('/');
        if (slash >= 0) {
            String addr = t.substring(0, slash);
            String bits = t.substring(slash + 1);
            int prefix;
            try {
                prefix = Integer.parseInt(bits);
            } catch (NumberFormatException e) {
                return Json.describe(t) + " is not a CIDR (prefix length \"" + bits + "\" is not a number)";
            }
            long v4 = IpAddresses.ipv4(addr);
            if (v4 != IpAddresses.INVALID_V4) {
                if (prefix < 0 || prefix > 32) {
                    return Json.describe(t) + " is not a CIDR (IPv4 prefix length must be 0..32)";
                }
                long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
                members.v4.add(new long[] {v4 & mask, mask});
                return null;
            }
            if (IpAddresses.isIpv6(addr)) {
                if (prefix < 0 || prefix > 128) {
                    return Json.describe(t) + " is not a CIDR (IPv6 prefix length must be 0..128)";
                }
                long mHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
                long mLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
                members.v6.add(new long[] {IpAddresses.ipv6High(addr) & mHi, IpAddresses.ipv6Low(addr) & mLo, mHi, mLo});
                return null;
            }
            return Json.describe(t) + " is not a CIDR (\"" + addr + "\" is not an IPv4 or IPv6 address)";
        }
        long v4 = IpAddresses.ipv4(t);
        if (v4 != IpAddresses.INVALID_V4) {
            members.v4.add(new long[] {v4, 0xffffffffL});
            return null;
        }
        if (t.indexOf(':') >= 0 && IpAddresses.isIpv6(t)) {
            members.v6.add(new long[] {IpAddresses.ipv6High(t), IpAddresses.ipv6Low(t), -1L, -1L});
            return null;
        }
        if (SegmentCondition.isInteger(t)) {
            long x = SegmentCondition.parseLong(t);
            members.ranges.add(new long[] {x, x});
            return null;
        }
        Matcher r = INT_RANGE.matcher(t);
        if (r.matches()) {
            long a = Long.parseLong(r.group(1));
            long b = Long.parseLong(r.group(2));
            if (a > b) {
                return Json.describe(t) + " is an empty range (" + a + " > " + b + ")";
            }
            members.ranges.add(new long[] {a, b});
            return null;
        }
        members.strings.add(t);
        return null;
    }
}
