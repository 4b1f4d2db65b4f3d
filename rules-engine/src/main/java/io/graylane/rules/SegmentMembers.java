package io.graylane.rules;

import io.graylane.rules.eval.IpAddresses;
import io.graylane.rules.json.Json;
import io.graylane.rules.model.SegmentCondition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies SEGMENT members (CIDR, IP address, integer, integer range, or plain text). */
final class SegmentMembers {
    private static final Pattern INT_RANGE = Pattern.compile("(-?\\d+)-(-?\\d+)");
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    private static final String LONG_RANGE = Long.MIN_VALUE + ".." + Long.MAX_VALUE;

    private SegmentMembers() {
    }

    /** Classifies one SEGMENT member; returns an error message or null. */
    static String classify(String t, SegmentCondition.Members members) {
        if (!t.isEmpty() && (isSpace(t.charAt(0)) || isSpace(t.charAt(t.length() - 1)))) {
            return Json.describe(t) + " has leading or trailing spaces; remove them (SEGMENT members are matched as"
                    + " written, so it would match nothing)";
        }
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
        if (DIGITS.matcher(t).matches()) {
            return Json.describe(t) + " is an integer outside " + LONG_RANGE + " (SEGMENT integers are signed 64-bit);"
                    + " to match it as text, use a STRING condition";
        }
        Matcher r = INT_RANGE.matcher(t);
        if (r.matches()) {
            if (!SegmentCondition.isInteger(r.group(1)) || !SegmentCondition.isInteger(r.group(2))) {
                return Json.describe(t) + " is a range with a bound outside " + LONG_RANGE
                        + " (SEGMENT integers are signed 64-bit)";
            }
            long a = SegmentCondition.parseLong(r.group(1));
            long b = SegmentCondition.parseLong(r.group(2));
            if (a > b) {
                return Json.describe(t) + " is an empty range (" + a + " > " + b + ")";
            }
            members.ranges.add(new long[] {a, b});
            return null;
        }
        members.strings.add(t);
        return null;
    }

    /**
     * True for text that was probably meant as an integer, range, IP address or CIDR (digits with dots, colons,
     * dashes, spaces…) but is none of them, so it is compared as text: {@code rules validate} warns about it.
     */
    static boolean looksNumericOrAddress(String t) {
        boolean digit = false;
        boolean colon = t.indexOf(':') >= 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c == '.' || c == ':' || c == '-' || c == '+' || c == '/' || c == ' '
                    || (colon && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))))) {
                return false;
            }
        }
        return digit;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
