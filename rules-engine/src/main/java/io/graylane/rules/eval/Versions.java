package io.graylane.rules.eval;

/**
 * Dotted-number versions such as {@code 5.10.1}, {@code v5.2.0}, {@code 5.10.1-beta}.
 *
 * <p>Anything before the first digit is a prefix and is ignored; the version is the longest run of
 * {@code digits(.digits)*} that follows; anything after it (e.g. {@code -beta}, {@code +build.7}) is a
 * suffix and is ignored. Segments compare as numbers ({@code 1.10 > 1.9}); a missing segment is 0
 * ({@code 5.10 == 5.10.0}). A text with no digit, or a segment longer than 18 digits, is not a version.
 */
public final class Versions {
    /** Returned by {@link #compare} when the text is not a version. */
    public static final int INVALID = Integer.MIN_VALUE;
    private static final int MAX_SEGMENT_DIGITS = 18;

    private Versions() {
    }

    /** Parses a version to its numeric segments, or returns null when it is not a version. */
    public static long[] parse(String text) {
        int i = firstDigit(text);
        if (i < 0) {
            return null;
        }
        long[] tmp = new long[8];
        int count = 0;
        int n = text.length();
        while (true) {
            long v = 0;
            int digits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                v = v * 10 + (text.charAt(i) - '0');
                i++;
                if (++digits > MAX_SEGMENT_DIGITS) {
                    return null;
                }
            }
            if (count == tmp.length) {
                long[] bigger = new long[count * 2];
                System.arraycopy(tmp, 0, bigger, 0, count);
                tmp = bigger;
            }
            tmp[count++] = v;
            if (i + 1 < n && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        long[] out = new long[count];
        System.arraycopy(tmp, 0, out, 0, count);
        return out;
    }

    /**
     * Compares {@code text} with a parsed version over at most {@code segments} segments (0 = all),
     * allocating nothing. Returns a negative number, zero or a positive number, or {@link #INVALID}.
     */
    public static int compare(String text, long[] target, int segments) {
        final int n = text.length();
        int i = 0;
        char c = 0;
        while (i < n && ((c = text.charAt(i)) < '0' || c > '9')) {
            i++;
        }
        if (i == n) {
            return INVALID;
        }
        final int limit = segments <= 0 ? Integer.MAX_VALUE : segments;
        int result = 0;
        int seg = 0;
        while (true) {
            long v = 0;
            int start = i;
            while (i < n && (c = text.charAt(i)) >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                i++;
            }
            if (i - start > MAX_SEGMENT_DIGITS) {
                return INVALID; // (v may have overflowed; it is not used)
            }
            if (result == 0 && seg < limit) {
                long t = seg < target.length ? target[seg] : 0;
                if (v != t) {
                    result = v < t ? -1 : 1;
                }
            }
            seg++;
            if (i + 1 < n && text.charAt(i) == '.' && (c = text.charAt(i + 1)) >= '0' && c <= '9') {
                i++;
            } else {
                break;
            }
        }
        if (result == 0) {
            // the text ran out: its missing segments are 0; segments are never negative
            for (int k = seg; k < target.length && k < limit; k++) {
                if (target[k] != 0) {
                    return -1;
                }
            }
        }
        return result;
    }

    /** Compares two version texts (convenience; allocates). */
    public static int compare(String a, String b, int segments) {
        long[] pb = parse(b);
        if (pb == null) {
            return INVALID;
        }
        return compare(a, pb, segments);
    }

    private static int firstDigit(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (isDigit(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static String format(long[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(v[i]);
        }
        return sb.toString();
    }
}
