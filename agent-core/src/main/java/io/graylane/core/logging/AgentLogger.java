package io.graylane.core.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own logger: never the application's logging framework (which may not be initialised, or may be
 * instrumented). Writes to stderr and/or a file ({@code graylane.log.file}), at {@code graylane.log.level}.
 */
public final class AgentLogger {
    public enum Level { ERROR, WARN, INFO, DEBUG, OFF }

    private static volatile Level level = Level.INFO;
    private static volatile boolean toStderr = true;
    private static volatile Writer file;
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private AgentLogger() {
    }

    public static void configure(Level newLevel, boolean stderr, String filePath) throws IOException {
        level = newLevel;
        toStderr = stderr;
        if (filePath != null && !filePath.isEmpty()) {
            file = new OutputStreamWriter(new FileOutputStream(filePath, true), StandardCharsets.UTF_8);
        }
    }

    public static boolean enabled(Level l) {
        Level current = level;
        return current != Level.OFF && l.ordinal() <= current.ordinal();
    }

    public static void error(String msg, Throwable t) {
        log(Level.ERROR, msg, t);
    }

    public static void warn(String msg) {
        log(Level.WARN, msg, null);
    }

    public static void warn(String msg, Throwable t) {
        log(Level.WARN, msg, t);
    }

    public static void info(String msg) {
        log(Level.INFO, msg, null);
    }

    public static void debug(String msg) {
        log(Level.DEBUG, msg, null);
    }

    /** Logs only the first time {@code key} is seen in this JVM. */
    public static void warnOnce(String key, String msg, Throwable t) {
        if (ONCE.add(key)) {
            log(Level.WARN, msg, t);
        }
    }

    /**
     * ISO-8601 UTC time without java.text or java.time: the locale data those load costs tens of milliseconds of
     * application start-up.
     */
    static StringBuilder appendUtcTime(StringBuilder sb, long millis) {
        long days = Math.floorDiv(millis, 86_400_000L);
        long msOfDay = Math.floorMod(millis, 86_400_000L);
        // civil-from-days (Howard Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        sb.append(y).append('-');
        pad(sb, m, 2).append('-');
        pad(sb, d, 2).append('T');
        pad(sb, msOfDay / 3_600_000, 2).append(':');
        pad(sb, msOfDay / 60_000 % 60, 2).append(':');
        pad(sb, msOfDay / 1000 % 60, 2).append('.');
        return pad(sb, msOfDay % 1000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    public static void log(Level l, String msg, Throwable t) {
        if (!enabled(l)) {
            return;
        }
        StringBuilder line = new StringBuilder(64 + msg.length());
        appendUtcTime(line, System.currentTimeMillis()).append(" [graylane] ").append(l.name()).append(' ')
                .append(msg);
        if (t != null) {
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            line.append(System.lineSeparator()).append(sw.toString().trim());
        }
        String text = line.toString();
        if (toStderr) {
            System.err.println(text);
        }
        Writer w = file;
        if (w != null) {
            synchronized (AgentLogger.class) {
                try {
                    w.write(text);
                    w.write(System.lineSeparator());
                    w.flush();
                } catch (IOException ignored) {
                    // a full disk must not hurt the host
                }
            }
        }
    }
}
