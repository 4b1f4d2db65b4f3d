package io.graylane.rules.source;

import io.graylane.rules.RuleHolder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a rule source can currently be read, when it last could, and the last document it refused and why. Logs a
 * WARN when the source is lost and an INFO when it is back; while it stays lost, at most one reminder WARN every
 * {@link #REMINDER_MILLIS}. Thread-safe; never throws.
 */
public final class SourceHealth {
    /** While a source stays unreadable, how often its WARN is repeated. */
    public static final long REMINDER_MILLIS = 10 * 60 * 1000L;
    /** Longest reason kept (a reason may quote a server's answer). */
    private static final int MAX_REASON = 500;

    private final String source;
    private final RuleHolder holder;
    private volatile boolean up;
    private volatile long lastSuccessMillis;
    private volatile String lastFailure;
    private volatile long lastFailureMillis;
    private volatile String lastRejection;
    private volatile long lastRejectionMillis;
    private long downSinceMillis;
    private long lastWarnMillis;
    private long failuresWhileDown;
    private final AtomicLong refused = new AtomicLong();

    public SourceHealth(String source, RuleHolder holder) {
        this.source = source;
        this.holder = holder;
    }

    /** The source answered (a document, or a definite "no document"). */
    public void success() {
        String recovered = null;
        synchronized (this) {
            long now = System.currentTimeMillis();
            lastSuccessMillis = now;
            if (!up && downSinceMillis != 0) {
                recovered = "rules source " + source + " is back after " + ((now - downSinceMillis) / 1000) + " s ("
                        + failuresWhileDown + " failed attempt" + (failuresWhileDown == 1 ? "" : "s") + ")";
            }
            up = true;
            downSinceMillis = 0;
            failuresWhileDown = 0;
        }
        if (recovered != null) {
            holder.log().info(recovered);
        }
    }

    /** The source could not be read; the rules in force stay. */
    public void failure(String reason) {
        String warn = null;
        synchronized (this) {
            long now = System.currentTimeMillis();
            lastFailure = clip(reason);
            lastFailureMillis = now;
            failuresWhileDown++;
            if (up || downSinceMillis == 0) {
                downSinceMillis = now;
                lastWarnMillis = now;
                warn = "rules source " + source + " unavailable: " + lastFailure + "; keeping rules version \""
                        + holder.version() + "\" (logged again at most every " + (REMINDER_MILLIS / 60000) + " min)";
            } else if (now - lastWarnMillis >= REMINDER_MILLIS) {
                lastWarnMillis = now;
                warn = "rules source " + source + " still unavailable since " + ((now - downSinceMillis) / 1000) + " s ("
                        + failuresWhileDown + " failed attempts): " + lastFailure;
            }
            up = false;
        }
        if (warn != null) {
            holder.log().warn(warn);
        }
    }

    /**
     * The source was read but the rule holder rejected its document (the holder counted and logged it; the previous
     * document stays).
     */
    public void rejected(String reason) {
        lastRejection = clip(reason);
        lastRejectionMillis = System.currentTimeMillis();
    }

    /** The source refused a document itself, before the holder saw it (too large). The caller logs the reason. */
    public void refused(String reason) {
        refused.incrementAndGet();
        rejected(reason);
    }

    /** How many documents the source refused itself (not counted by the holder's rejection count). */
    public long refusedCount() {
        return refused.get();
    }

    public String source() {
        return source;
    }

    /** True when the last attempt to read the source succeeded. */
    public boolean up() {
        return up;
    }

    /** When the source last answered (epoch millis), 0 if never. */
    public long lastSuccessMillis() {
        return lastSuccessMillis;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public long lastFailureMillis() {
        return lastFailureMillis;
    }

    /** Why the last document was refused (null if none was). */
    public String lastRejection() {
        return lastRejection;
    }

    public long lastRejectionMillis() {
        return lastRejectionMillis;
    }

    private static String clip(String s) {
        if (s == null) {
            return "unknown";
        }
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "...";
    }
}
