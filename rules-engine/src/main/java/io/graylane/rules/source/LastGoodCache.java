package io.graylane.rules.source;

import io.graylane.rules.RuleLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last document that was valid and in force, kept on local disk so that a restart while the
 * remote source is down starts with it. Writes are atomic (temp file + rename). Never throws.
 */
public final class LastGoodCache {
    private final Path file;
    private final RuleLog log;

    public LastGoodCache(Path file, RuleLog log) {
        this.file = file;
        this.log = log == null ? RuleLog.SILENT : log;
    }

    /** The cached text, or null when there is none or it cannot be read. */
    public String load() {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read rules cache " + file + ": " + e);
            return null;
        }
    }

    public void store(String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicUnsupported) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write rules cache " + file + ": " + e);
        }
    }

    /** Removes the cached document (the remote one was deleted), so that a restart does not bring it back. */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete rules cache " + file + ": " + e);
        }
    }

    public Path file() {
        return file;
    }
}
