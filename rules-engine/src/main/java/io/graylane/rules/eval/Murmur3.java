package io.graylane.rules.eval;

/**
 * MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes of text — computed straight from the chars,
 * without allocating. Equal to Guava's {@code Hashing.murmur3_32_fixed().hashString(s, UTF_8)}
 * (an unpaired surrogate is encoded as {@code '?'}, as {@link String#getBytes} does).
 *
 * <p>A constant prefix (such as {@code salt + ":"}) can be hashed once with {@link #prefix(byte[])}
 * and the key continued from that state with {@link #hash(long, byte[], String)}.
 */
public final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;
    private static final byte[] NO_BYTES = new byte[0];

    private Murmur3() {
    }

    public static int hash(String s) {
        return hash(NO_BYTES, s);
    }

    /** Hash of {@code prefix} bytes followed by the UTF-8 bytes of {@code s}. */
    public static int hash(byte[] prefix, String s) {
        return hash(prefix(prefix), prefix, s);
    }

    /**
     * The state after hashing the whole 4-byte blocks of {@code prefix}: h in the low 32 bits, the
     * number of bytes consumed in the high bits. The remaining (at most 3) bytes are re-read from the
     * prefix array by {@link #hash(long, byte[], String)}.
     */
    public static long prefix(byte[] prefix) {
        int h = 0;
        int blocks = prefix.length >>> 2;
        for (int b = 0; b < blocks; b++) {
            int i = b << 2;
            int k = (prefix[i] & 0xff) | (prefix[i + 1] & 0xff) << 8 | (prefix[i + 2] & 0xff) << 16 | (prefix[i + 3] & 0xff) << 24;
            h = mixH(h, k);
        }
        return ((long) (blocks << 2) << 32) | (h & 0xffffffffL);
    }

    /** Continues from {@link #prefix(byte[])}'s state of the same {@code prefix}. */
    public static int hash(long prefixState, byte[] prefix, String s) {
        int h = (int) prefixState;
        int consumed = (int) (prefixState >>> 32);
        int buf = 0;
        int n = 0;
        for (int i = consumed; i < prefix.length; i++) {
            buf |= (prefix[i] & 0xff) << (n << 3);
            n++;
        }
        int len = prefix.length;
        final int sl = s.length();
        int i = 0;
        while (i < sl) {
            char c = s.charAt(i);
            if (c < 0x80) {
                // ASCII: four chars at a time when they are all ASCII, else one byte
                if (i + 3 < sl) {
                    char c1 = s.charAt(i + 1);
                    char c2 = s.charAt(i + 2);
                    char c3 = s.charAt(i + 3);
                    if ((c1 | c2 | c3) < 0x80) {
                        int w = c | c1 << 8 | c2 << 16 | c3 << 24;
                        if (n == 0) {
                            h = mixH(h, w);
                        } else {
                            int sh = n << 3;
                            h = mixH(h, buf | (w << sh));
                            buf = w >>> (32 - sh);
                        }
                        len += 4;
                        i += 4;
                        continue;
                    }
                }
                buf |= c << (n << 3);
                len++;
                i++;
                if (++n == 4) {
                    h = mixH(h, buf);
                    buf = 0;
                    n = 0;
                }
                continue;
            }
            int enc;
            int encLen;
            if (c < 0x800) {
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
            i++;
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
