package io.graylane.rules.eval;

/**
 * MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of text — computed straight from the chars,
 * without allocating. Equal to Guava's {@code Hashing.murmur3_32_fixed().hashString(s, UTF_8)}
 * (an unpaired surrogate is encoded as {@code '?'}, as {@link String#getBytes} does).
 */
public final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {
    }

    public static int hash(CharSequence s) {
        return hash(EMPTY, s);
    }

    private static final byte[] EMPTY = new byte[0];

    /** Hash of {@code prefix} bytes followed by the UTF-8 bytes of {@code s}. */
    public static int hash(byte[] prefix, CharSequence s) {
        int h = 0;
        int buf = 0;
        int n = 0; // bytes in buf
        int len = 0;
        for (byte b : prefix) {
            buf |= (b & 0xff) << (n << 3);
            if (++n == 4) {
                h = mixH(h, buf);
                buf = 0;
                n = 0;
            }
        }
        len += prefix.length;
        final int sl = s.length();
        for (int i = 0; i < sl; i++) {
            char c = s.charAt(i);
            int enc;
            int encLen;
            if (c < 0x80) {
                enc = c;
                encLen = 1;
            } else if (c < 0x800) {
                enc = (0xc0 | (c >>> 6)) | ((0x80 | (c & 0x3f)) << 8);
                encLen = 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < sl && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    enc = (0xf0 | (cp >>> 18))
                            | ((0x80 | ((cp >>> 12) & 0x3f)) << 8)
                            | ((0x80 | ((cp >>> 6) & 0x3f)) << 16)
                            | ((0x80 | (cp & 0x3f)) << 24);
                    encLen = 4;
                } else {
                    enc = '?';
                    encLen = 1;
                }
            } else {
                enc = (0xe0 | (c >>> 12)) | ((0x80 | ((c >>> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
                encLen = 3;
            }
            len += encLen;
            for (int j = 0; j < encLen; j++) {
                buf |= ((enc >>> (j << 3)) & 0xff) << (n << 3);
                if (++n == 4) {
                    h = mixH(h, buf);
                    buf = 0;
                    n = 0;
                }
            }
        }
        if (n > 0) {
            h ^= mixK(buf);
        }
        return fmix(h ^ len);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixH(int h, int k) {
        h ^= mixK(k);
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
