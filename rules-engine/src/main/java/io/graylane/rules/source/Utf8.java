package io.graylane.rules.source;

/** UTF-8 sizes without encoding. */
final class Utf8 {
    private Utf8() {
    }

    /** The number of bytes {@code s} takes in UTF-8 (a lone surrogate counts as the 3 bytes of its replacement). */
    static long length(CharSequence s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
