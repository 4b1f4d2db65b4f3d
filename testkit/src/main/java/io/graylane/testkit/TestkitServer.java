package io.graylane.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What every server handle has: its process, start time, memory and directories. AutoCloseable. */
public abstract class TestkitServer implements AutoCloseable {

    final ForkedServer process;
    private final double startSeconds;
    private final List<String> dataDirs;

    TestkitServer(ForkedServer process, double startSeconds, List<String> dataDirs) {
        this.process = process;
        this.startSeconds = startSeconds;
        this.dataDirs = dataDirs;
    }

    /** Seconds from JVM launch until ready (ready = a real round trip, see each server). */
    public double startSeconds() {
        return startSeconds;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory of the server JVM in MB (Linux), -1 when unknown. */
    public long rssMegabytes() {
        long b = process.rssBytes();
        return b < 0 ? -1 : b / (1024 * 1024);
    }

    /** The run directory: console.log, the server's logs, its data. */
    public Path runDir() {
        return process.runDir;
    }

    /** Tail of the console and server logs, for assertion messages. */
    public String logTails(int lines) {
        return process.logTails(lines);
    }

    /** Stops the JVM (orderly: its stdin is closed, it exits) and deletes its data, keeping the logs. */
    @Override
    public void close() {
        process.close();
        if (!Boolean.getBoolean("graylane.testkit.keepData")) {
            for (String d : dataDirs) {
                deleteTree(process.runDir.resolve(d));
            }
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
