package io.graylane.core.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Set;
import java.util.TimeZone;
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
    private static final ThreadLocal<SimpleDateFormat> TIME = new ThreadLocal<SimpleDateFormat>() {
        @Override
        protected SimpleDateFormat initialValue() {
            SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            return f;
        }
    };

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

    public static void log(Level l, String msg, Throwable t) {
        if (!enabled(l)) {
            return;
        }
        StringBuilder line = new StringBuilder(64 + msg.length());
        line.append(TIME.get().format(new Date())).append(" [graylane] ").append(l.name()).append(' ')
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
