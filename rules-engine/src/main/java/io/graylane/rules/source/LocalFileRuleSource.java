package io.graylane.rules.source;

import io.graylane.rules.RuleHolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A rule document in a local file, re-read when its modification time or size changes (checked every
 * {@code pollMillis} on one daemon thread; polling works on every file system and with editors that
 * replace the file by rename). A missing or invalid file keeps the document in force.
 */
public final class LocalFileRuleSource implements RuleSource {
    private final Path file;
    private final RuleHolder holder;
    private final long pollMillis;
    private ScheduledExecutorService timer;
    private long seenModified = Long.MIN_VALUE;
    private long seenSize = -1;
    private boolean reportedMissing;

    public LocalFileRuleSource(Path file, RuleHolder holder, long pollMillis) {
        this.file = file;
        this.holder = holder;
        this.pollMillis = Math.max(50, pollMillis);
    }

    @Override
    public synchronized void start() {
        checkNow();
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
                    poll();
                }
            }, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void poll() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.lastModifiedTime().toMillis() != seenModified || a.size() != seenSize) {
                checkNow();
            }
        } catch (NoSuchFileException e) {
            missing();
        } catch (IOException | RuntimeException e) {
            holder.log().warn("cannot stat rules file " + file + ": " + e);
        }
    }

    /** Reads the file now and applies it if it changed. Returns true when its content is in force. */
    public synchronized boolean checkNow() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            byte[] bytes = Files.readAllBytes(file);
            seenModified = a.lastModifiedTime().toMillis();
            seenSize = a.size();
            reportedMissing = false;
            return holder.update(bytes, "file:" + file);
        } catch (NoSuchFileException e) {
            missing();
            return false;
        } catch (IOException | RuntimeException e) {
            holder.log().warn("cannot read rules file " + file + ": " + e);
            return false;
        }
    }

    private void missing() {
        if (!reportedMissing) {
            reportedMissing = true;
            seenModified = Long.MIN_VALUE;
            seenSize = -1;
            holder.log().warn("rules file " + file + " does not exist; keeping rules version \""
                    + holder.version() + "\" until it appears");
        }
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
