package io.graylane.rules.eval;

/**
 * Allocation-free parsing of IPv4 dotted quads and IPv6 text (RFC 4291: {@code ::} compression and a
 * trailing dotted quad allowed, zone ids not). Used by SEGMENT conditions for CIDR membership.
 */
public final class IpAddresses {
    /** Returned by {@link #ipv4} when the text is not an IPv4 address. */
    public static final long INVALID_V4 = -1L;

    private IpAddresses() {
    }

    /** The IPv4 address as an unsigned 32-bit value in a long, or {@link #INVALID_V4}. */
    public static long ipv4(String s) {
        return ipv4(s, 0, s.length());
    }

    static long ipv4(String s, int from, int to) {
        long addr = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int v = 0;
            int digits = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
                if (++digits > 3) {
                    return INVALID_V4;
                }
            }
            if (digits == 0 || v > 255) {
                return INVALID_V4;
            }
            addr = (addr << 8) | v;
            parts++;
            if (parts == 4) {
                return i == to ? addr : INVALID_V4;
            }
            if (i >= to || s.charAt(i) != '.') {
                return INVALID_V4;
            }
            i++;
        }
    }

    /** True when {@code s} is a valid IPv6 address text. */
    public static boolean isIpv6(String s) {
        return parse6(s, 2) == 0;
    }

    /** The high 64 bits of an IPv6 address (the text must be valid, see {@link #isIpv6}). */
    public static long ipv6High(String s) {
        return parse6(s, 0);
    }

    /** The low 64 bits of an IPv6 address (the text must be valid, see {@link #isIpv6}). */
    public static long ipv6Low(String s) {
        return parse6(s, 1);
    }

    /**
     * which = 0: high half; 1: low half; 2: 0 if valid else -1. Groups before "::" fill from the left,
     * groups after it from the right.
     */
    private static long parse6(String s, int which) {
        final int n = s.length();
        if (n < 2 || s.indexOf(':') < 0) {
            return which == 2 ? -1 : 0;
        }
        long hi = 0;
        long lo = 0;
        int groups = 0;       // groups written so far (16-bit units)
        int gap = -1;         // group index where "::" appeared
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return which == 2 ? 0 : 0; // "::"
            }
        } else if (s.charAt(0) == ':') {
            return which == 2 ? -1 : 0;
        }
        // first pass collects up to 8 groups as written; we place them afterwards
        long written = 0;    // packed groups in order of appearance, up to 8 × 16 bits = 128 bits: use two longs
        long writtenHi = 0;
        while (i < n) {
            // dotted quad tail?
            int j = i;
            int hexDigits = 0;
            int v = 0;
            boolean dot = false;
            while (j < n && s.charAt(j) != ':') {
                char c = s.charAt(j);
                if (c == '.') {
                    dot = true;
                    break;
                }
                int d = Character.digit(c, 16);
                if (d < 0 || c > 'f') {
                    return which == 2 ? -1 : 0;
                }
                v = (v << 4) | d;
                if (++hexDigits > 4) {
                    return which == 2 ? -1 : 0;
                }
                j++;
            }
            if (dot) {
                long v4 = ipv4(s, i, n);
                if (v4 == INVALID_V4 || groups > 6) {
                    return which == 2 ? -1 : 0;
                }
                writtenHi = (writtenHi << 32) | (written >>> 32);
                written = (written << 32) | v4;
                groups += 2;
                i = n;
                break;
            }
            if (hexDigits == 0 || groups >= 8) {
                return which == 2 ? -1 : 0;
            }
            writtenHi = (writtenHi << 16) | (written >>> 48);
            written = (written << 16) | v;
            groups++;
            i = j;
            if (i == n) {
                break;
            }
            // at ':'
            if (i + 1 < n && s.charAt(i + 1) == ':') {
                if (gap >= 0) {
                    return which == 2 ? -1 : 0; // second "::"
                }
                gap = groups;
                i += 2;
                if (i == n) {
                    break;
                }
            } else {
                i++;
                if (i == n) {
                    return which == 2 ? -1 : 0; // trailing single ':'
                }
            }
        }
        if (gap < 0 && groups != 8) {
            return which == 2 ? -1 : 0;
        }
        if (gap >= 0 && groups > 7) {
            return which == 2 ? -1 : 0;
        }
        if (which == 2) {
            return 0;
        }
        // "written" holds the groups right-aligned in 128 bits (writtenHi:written). Groups before
        // the gap must move left by (8 - groups) positions.
        if (gap >= 0) {
            int after = groups - gap;
            int shift = (8 - groups) * 16; // bits to insert as zeros between before and after
            // split into before (high part) and after (low part, after*16 bits)
            int afterBits = after * 16;
            long aHi;
            long aLo;
            if (afterBits == 0) {
                aHi = 0;
                aLo = 0;
            } else if (afterBits < 64) {
                aLo = written & ((1L << afterBits) - 1);
                aHi = 0;
            } else if (afterBits == 64) {
                aLo = written;
                aHi = 0;
            } else {
                aLo = written;
                aHi = writtenHi & ((1L << (afterBits - 64)) - 1);
            }
            // before = (writtenHi:written) >>> afterBits
            long bHi;
            long bLo;
            if (afterBits == 0) {
                bHi = writtenHi;
                bLo = written;
            } else if (afterBits < 64) {
                bLo = (written >>> afterBits) | (writtenHi << (64 - afterBits));
                bHi = writtenHi >>> afterBits;
            } else if (afterBits == 64) {
                bLo = writtenHi;
                bHi = 0;
            } else {
                bLo = writtenHi >>> (afterBits - 64);
                bHi = 0;
            }
            // before << (afterBits + shift)
            int ls = afterBits + shift; // 16..128
            long sHi;
            long sLo;
            if (ls >= 128) {
                sHi = 0;
                sLo = 0;
            } else if (ls >= 64) {
                sHi = bLo << (ls - 64);
                sLo = 0;
            } else if (ls == 0) {
                sHi = bHi;
                sLo = bLo;
            } else {
                sHi = (bHi << ls) | (bLo >>> (64 - ls));
                sLo = bLo << ls;
            }
            hi = sHi | aHi;
            lo = sLo | aLo;
        } else {
            hi = writtenHi;
            lo = written;
        }
        return which == 0 ? hi : lo;
    }
}
