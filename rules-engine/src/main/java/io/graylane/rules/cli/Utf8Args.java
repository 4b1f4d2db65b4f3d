package io.graylane.rules.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line arguments as UTF-8 whatever the locale. The JVM decodes {@code argv} with the locale's charset, so
 * under {@code LC_ALL=C} the bytes of {@code 用户} arrive as six U+FFFD and would land in another bucket. On Linux the
 * raw bytes are still in {@code /proc/self/cmdline}: when the locale is not UTF-8 and an argument holds a character
 * the locale could not decode, the arguments are decoded again from there as UTF-8 — but only if the raw entries,
 * decoded the JVM's way, are exactly the arguments received (so they are certainly ours).
 */
final class Utf8Args {
    private Utf8Args() {
    }

    static String[] recover(String[] args) {
        try {
            String jnu = System.getProperty("sun.jnu.encoding");
            if (jnu == null || !Charset.isSupported(jnu) || Charset.forName(jnu).equals(StandardCharsets.UTF_8)
                    || !anyNonAscii(args)) {
                return args;
            }
            List<byte[]> raw = split(Files.readAllBytes(Paths.get("/proc/self/cmdline")));
            if (raw.size() < args.length) {
                return args;
            }
            Charset locale = Charset.forName(jnu);
            int first = raw.size() - args.length;
            for (int i = 0; i < args.length; i++) {
                if (!new String(raw.get(first + i), locale).equals(args[i])) {
                    return args;
                }
            }
            String[] out = args.clone();
            for (int i = 0; i < args.length; i++) {
                try {
                    out[i] = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw.get(first + i)))
                            .toString();
                } catch (CharacterCodingException e) {
                    // not UTF-8 either: keep what the JVM made of it (its U+FFFD are refused later)
                }
            }
            return out;
        } catch (Exception | LinkageError e) {
            return args; // no /proc (not Linux), unreadable: the arguments as the JVM decoded them
        }
    }

    private static boolean anyNonAscii(String[] args) {
        for (String a : args) {
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) >= 0x80) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        for (byte b : cmdline) {
            if (b == 0) {
                out.add(cur.toByteArray());
                cur.reset();
            } else {
                cur.write(b);
            }
        }
        if (cur.size() > 0) {
            out.add(cur.toByteArray());
        }
        return out;
    }
}
