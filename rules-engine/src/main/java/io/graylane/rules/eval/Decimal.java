package io.graylane.rules.eval;

import java.math.BigDecimal;

/**
 * An exact decimal number, compiled once, that plain decimal text ({@code -12}, {@code 3.50},
 * {@code +0.5}) can be compared with without allocating. Immutable.
 */
public final class Decimal {
    /** Returned by {@link #compareText} when the text is not a plain decimal number. */
    public static final int INVALID = Integer.MIN_VALUE;

    private final boolean negative;
    private final String intDigits;  // no leading zeros; "" for 0
    private final String fracDigits; // no trailing zeros
    private final String display;

    private Decimal(boolean negative, String intDigits, String fracDigits, String display) {
        this.negative = negative;
        this.intDigits = intDigits;
        this.fracDigits = fracDigits;
        this.display = display;
    }

    /** The longest number text {@link #parse} accepts (surrounding spaces not counted). */
    public static final int MAX_CHARS = 200;
    /** The largest decimal exponent (in scientific notation, {@code d.ddd × 10^e}) {@link #parse} accepts, either sign. */
    public static final int MAX_EXPONENT = 1000;

    private static final java.util.regex.Pattern NUMBER_SYNTAX =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * Parses any Java/JSON number literal (exponents allowed) of at most {@link #MAX_CHARS} characters whose exponent
     * is within ±{@link #MAX_EXPONENT} (zero with any exponent is 0); returns null otherwise ({@link #whyNot} says why).
     */
    public static Decimal parse(String text) {
        String t = text.trim();
        if (t.length() > MAX_CHARS) {
            return null;
        }
        BigDecimal bd;
        try {
            bd = new BigDecimal(t);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
        if (bd.signum() == 0) {
            bd = BigDecimal.ZERO;
        } else if (!withinExponent(bd)) {
            return null; // absurd exponents: refuse rather than build huge strings
        }
        String plain = bd.abs().toPlainString();
        int dot = plain.indexOf('.');
        String ip = dot < 0 ? plain : plain.substring(0, dot);
        String fp = dot < 0 ? "" : plain.substring(dot + 1);
        int a = 0;
        while (a < ip.length() && ip.charAt(a) == '0') {
            a++;
        }
        int b = fp.length();
        while (b > 0 && fp.charAt(b - 1) == '0') {
            b--;
        }
        ip = ip.substring(a);
        fp = fp.substring(0, b);
        boolean zero = ip.isEmpty() && fp.isEmpty();
        return new Decimal(!zero && bd.signum() < 0, ip, fp, bd.toPlainString());
    }

    /** Why {@link #parse} refuses text: "not a NUMBER" or the limit it is beyond; null when it does not refuse it. */
    public static String whyNot(String text) {
        if (parse(text) != null) {
            return null;
        }
        String t = text.trim();
        if (t.length() > MAX_CHARS) {
            return "beyond the NUMBER limits (at most " + MAX_CHARS + " characters)";
        }
        if (NUMBER_SYNTAX.matcher(t).matches()) {
            return "beyond the NUMBER limits (exponent -" + MAX_EXPONENT + ".." + MAX_EXPONENT + ")";
        }
        return "not a NUMBER";
    }

    private static boolean withinExponent(BigDecimal bd) {
        long e = (long) bd.precision() - bd.scale() - 1;
        return e >= -MAX_EXPONENT && e <= MAX_EXPONENT;
    }

    /**
     * Compares decimal text ({@code [+-]?digits[.digits]}, surrounding spaces allowed) with this number:
     * negative, zero, positive, or {@link #INVALID}.
     */
    public int compareText(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        while (n > i && s.charAt(n - 1) == ' ') {
            n--;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        if (i < n && s.charAt(i) == '.') {
            i++;
            fracStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            fracEnd = i;
        }
        if (i != n || (intEnd == intStart && fracEnd == fracStart)) {
            return INVALID;
        }
        while (intStart < intEnd && s.charAt(intStart) == '0') {
            intStart++;
        }
        while (fracEnd > fracStart && s.charAt(fracEnd - 1) == '0') {
            fracEnd--;
        }
        if (intStart == intEnd && fracStart == fracEnd) {
            neg = false; // -0 == 0
        }
        if (neg != negative) {
            return neg ? -1 : 1;
        }
        int mag = compareMagnitude(s, intStart, intEnd, fracStart, fracEnd);
        return neg ? -mag : mag;
    }

    private int compareMagnitude(String s, int intStart, int intEnd, int fracStart, int fracEnd) {
        int il = intEnd - intStart;
        if (il != intDigits.length()) {
            return il < intDigits.length() ? -1 : 1;
        }
        for (int k = 0; k < il; k++) {
            char a = s.charAt(intStart + k);
            char b = intDigits.charAt(k);
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        int fl = fracEnd - fracStart;
        int m = Math.min(fl, fracDigits.length());
        for (int k = 0; k < m; k++) {
            char a = s.charAt(fracStart + k);
            char b = fracDigits.charAt(k);
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        return Integer.compare(fl, fracDigits.length());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return display;
    }
}
