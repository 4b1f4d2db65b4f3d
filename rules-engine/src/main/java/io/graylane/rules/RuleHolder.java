package io.graylane.rules;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live rule document: sources {@link #update} it, request threads read {@link #current()} (one
 * volatile read). A rejected document never replaces the current one; it increments
 * {@link #rejectedCount()} and writes one log line. Thread-safe.
 */
public final class RuleHolder {
    private volatile RuleDocument current = RuleDocument.EMPTY;
    private volatile String currentOrigin = "empty";
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile List<String> lastProblems = Collections.emptyList();
    private volatile long lastAppliedMillis;
    private volatile long lastRejectedMillis;
    private final List<RuleListener> listeners = new CopyOnWriteArrayList<>();
    private volatile RuleLog log = LogText.escaping(RuleLog.STDERR);
    private final Object updateLock = new Object();

    public RuleDocument current() {
        return current;
    }

    /** Shortcut for {@code current().decideLane(attrs)}. */
    public String decideLane(AttributeSource attrs) {
        return current.decideLane(attrs);
    }

    /**
     * Compiles and applies a document. Returns true when it is in force afterwards (applied now, or the
     * same text was already in force), false when it was rejected (the previous document stays).
     */
    public boolean update(String json, String origin) {
        synchronized (updateLock) {
            if (json != null && json.equals(current.text()) && current != RuleDocument.EMPTY) {
                return true;
            }
            RuleDocument doc;
            try {
                doc = RuleDocuments.parse(json);
            } catch (RuleValidationException e) {
                reject(e, origin);
                return false;
            }
            apply(doc, origin);
            return true;
        }
    }

    /**
     * Like {@link #update(String, String)} for a document's bytes (a file): bytes that are not UTF-8 are a rejection
     * like any other problem (see {@link RuleDocuments#utf8}).
     */
    public boolean update(byte[] utf8, String origin) {
        String json;
        try {
            json = RuleDocuments.utf8(utf8, origin);
        } catch (RuleValidationException e) {
            synchronized (updateLock) {
                reject(e, origin);
            }
            return false;
        }
        return update(json, origin);
    }

    private void reject(RuleValidationException e, String origin) {
        rejected.incrementAndGet();
        lastProblems = e.problems();
        lastRejectedMillis = System.currentTimeMillis();
        log.warn("rules from " + origin + " rejected, keeping version " + describe(current) + " ("
                + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + "): "
                + join(e.problems()));
    }

    /** Applies an already compiled document. */
    public void set(RuleDocument doc, String origin) {
        if (doc == null) {
            throw new IllegalArgumentException("doc");
        }
        synchronized (updateLock) {
            apply(doc, origin);
        }
    }

    private void apply(RuleDocument doc, String origin) {
        RuleDocument previous = current;
        current = doc;
        currentOrigin = origin;
        lastAppliedMillis = System.currentTimeMillis();
        generation.incrementAndGet();
        log.info("rules version " + describe(doc) + " from " + origin + " in force (" + doc.lanes().size() + " lanes, "
                + doc.scenes().size() + " scenes)");
        for (String w : doc.warnings()) {
            log.warn("rules version " + describe(doc) + ": " + w);
        }
        for (RuleListener l : listeners) {
            try {
                l.onRulesChanged(previous, doc, origin);
            } catch (RuntimeException | LinkageError e) {
                log.warn("rule listener " + l + " failed: " + e);
            }
        }
    }

    private static String describe(RuleDocument d) {
        return d == RuleDocument.EMPTY ? "<none>" : d.version();
    }

    private static String join(List<String> problems) {
        StringBuilder sb = new StringBuilder();
        for (String p : problems) {
            sb.append(sb.length() == 0 ? "" : " | ").append(p);
        }
        return sb.toString();
    }

    public void addListener(RuleListener l) {
        listeners.add(l);
    }

    public void removeListener(RuleListener l) {
        listeners.remove(l);
    }

    /** How many documents have been applied (0 = still the empty document). */
    public long generation() {
        return generation.get();
    }

    /** The version string of the document in force ("" when none). */
    public String version() {
        return current.version();
    }

    public String origin() {
        return currentOrigin;
    }

    /** How many documents have been rejected since start (a metric). */
    public long rejectedCount() {
        return rejected.get();
    }

    /** The problems of the last rejected document (empty if none was rejected). */
    public List<String> lastProblems() {
        return lastProblems;
    }

    public long lastAppliedMillis() {
        return lastAppliedMillis;
    }

    public long lastRejectedMillis() {
        return lastRejectedMillis;
    }

    /** The holder's log; what is written to it is escaped (see {@link #setLog}). */
    public RuleLog log() {
        return log;
    }

    /**
     * Where this holder and its sources log. Every message passes through {@link LogText#escape}: a document's
     * version, problems or an origin cannot put a control character (a forged line break) into the log.
     */
    public void setLog(RuleLog log) {
        this.log = LogText.escaping(log == null ? RuleLog.SILENT : log);
    }
}
