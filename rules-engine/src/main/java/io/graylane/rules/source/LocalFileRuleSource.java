package io.graylane.rules.source;

import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleDocuments;
import io.graylane.rules.RuleHolder;
import io.graylane.rules.RuleValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A rule document in a local file, re-read when its modification time or size changes (checked every
 * {@code pollMillis} on one daemon thread; polling works on every file system and with editors that
 * replace the file by rename). A missing, unreadable, too large or invalid file keeps the document in force.
 *
 * <p>A file written in place ({@code cp}) can be seen half-written. A changed file whose document compiles is applied
 * at once (half a JSON document never compiles); one that does not is read again on the next poll and rejected only if
 * it has not changed in between. Files larger than {@code maxBytes} are refused by their size, before being read.
 * Nothing thrown while polling (not even an Error) stops the watcher; failures go to {@link #health()}.
 */
public final class LocalFileRuleSource implements RuleSource {
    private final Path file;
    private final RuleHolder holder;
    private final long pollMillis;
    private final long maxBytes;
    private final SourceHealth health;
    private ScheduledExecutorService timer;
    /** Modification time and size of the file last read and decided on (applied or rejected). */
    private long seenModified = Long.MIN_VALUE;
    private long seenSize = -1;
    /** Modification time and size of a file that was read but did not compile (maybe still being written). */
    private long pendingModified = Long.MIN_VALUE;
    private long pendingSize = -1;

    public LocalFileRuleSource(Path file, RuleHolder holder, long pollMillis) {
        this(file, holder, pollMillis, RuleSources.DEFAULT_MAX_BYTES);
    }

    public LocalFileRuleSource(Path file, RuleHolder holder, long pollMillis, long maxBytes) {
        this.file = file;
        this.holder = holder;
        this.pollMillis = Math.max(50, pollMillis);
        this.maxBytes = maxBytes > 0 ? maxBytes : RuleSources.DEFAULT_MAX_BYTES;
        this.health = new SourceHealth(describe(), holder);
    }

    @Override
    public synchronized void start() {
        poll();
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactory() {
                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "graylane-rules-file");
                    t.setDaemon(true);
                    return t;
                }
            });
            timer.scheduleWithFixedDelay(new Runnable() {
                @Override
                public void run() {
                    try {
                        poll();
                    } catch (Throwable t) { // an Error escaping here would cancel the schedule for good
                        failed(t);
                    }
                }
            }, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** One watcher step: reads the file when it changed; a document that does not compile yet waits one poll. */
    synchronized void poll() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = a.lastModifiedTime().toMillis();
            if (modified == seenModified && a.size() == seenSize) {
                health.success();
                return;
            }
            boolean stable = modified == pendingModified && a.size() == pendingSize;
            read(a, stable);
        } catch (NoSuchFileException e) {
            missing();
        } catch (Throwable e) {
            failed(e);
        }
    }

    /** Reads the file now and applies it if it changed. Returns true when its content is in force. */
    public synchronized boolean checkNow() {
        try {
            return read(Files.readAttributes(file, BasicFileAttributes.class), true);
        } catch (NoSuchFileException e) {
            missing();
            return false;
        } catch (Throwable e) {
            failed(e);
            return false;
        }
    }

    /**
     * @param stable true when the file has not changed since it was last read (or the caller wants it judged as it is):
     *               a document that does not compile is then rejected; otherwise it waits for the next poll
     */
    private boolean read(BasicFileAttributes a, boolean stable) throws IOException {
        long modified = a.lastModifiedTime().toMillis();
        long size = a.size();
        if (size > maxBytes) {
            decided(modified, size);
            health.success();
            refuse(size);
            return false;
        }
        byte[] bytes = readAtMost(maxBytes + 1);
        health.success();
        if (bytes.length > maxBytes) { // grew after the size check: judge it on the next poll
            pendingModified = modified;
            pendingSize = size;
            return false;
        }
        if (!stable) {
            RuleDocument doc;
            String text;
            try {
                text = RuleDocuments.utf8(bytes, describe()); // a multi-byte character may be cut: half-written too
                doc = RuleDocuments.parse(text);
            } catch (RuleValidationException maybeHalfWritten) {
                pendingModified = modified;
                pendingSize = size;
                return false;
            }
            decided(modified, size);
            if (holder.current() == RuleDocument.EMPTY || !text.equals(holder.current().text())) {
                holder.set(doc, describe());
            }
            return true;
        }
        decided(modified, size);
        if (holder.update(bytes, describe())) { // bytes that are not UTF-8 are a rejection like any other problem
            return true;
        }
        health.rejected(RuleSources.problems(holder));
        return false;
    }

    private void decided(long modified, long size) {
        seenModified = modified;
        seenSize = size;
        pendingModified = Long.MIN_VALUE;
        pendingSize = -1;
    }

    private void refuse(long size) {
        String reason = "rules file " + file + " has " + size + " bytes, more than " + RuleSources.PREFIX + "maxBytes="
                + maxBytes + "; not read, keeping rules version \"" + holder.version() + "\"";
        health.refused(reason);
        holder.log().warn(reason);
    }

    /** Reads at most {@code limit} bytes, so that a file growing after its size was checked cannot cost more heap. */
    private byte[] readAtMost(long limit) throws IOException {
        int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        byte[] buf = new byte[(int) Math.min(cap, 8192)];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < cap) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(cap, (long) buf.length * 2));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private void missing() {
        seenModified = Long.MIN_VALUE;
        seenSize = -1;
        health.failure("rules file " + file + " does not exist");
    }

    private void failed(Throwable e) {
        try {
            seenModified = Long.MIN_VALUE;
            seenSize = -1;
            health.failure("cannot read or apply rules file " + file + ": " + e);
        } catch (Throwable ignored) {
            // nothing left to report with
        }
    }

    @Override
    public SourceHealth health() {
        return health;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public String describe() {
        return "file:" + file;
    }
}
