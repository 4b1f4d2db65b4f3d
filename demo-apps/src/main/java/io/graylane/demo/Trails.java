package io.graylane.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The directory where the demo's applications leave what they did, one file per event, written under a temporary
 * name and moved into place: {@code <requestId>.<instance>} per consumed message (the message leg),
 * {@code <requestId>.job-<instance>} per settle job run, {@code tick-<triggerTime>.<instance>.<nanos>} per cron run.
 */
final class Trails {
    private final Path dir;

    Trails(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    /** The message leg(s) of a request: the path each consumption took, e.g. {@code A-gray[gray]>B-base[gray]}. */
    List<String> mq(String requestId) throws IOException {
        return read(name -> name.startsWith(requestId + ".") && !name.contains(".job-"));
    }

    /** What the request's settle job left: the TaskTracker instance that ran it and the lane it ran in. */
    List<String> jobs(String requestId) throws IOException {
        return read(name -> name.startsWith(requestId + ".job-"));
    }

    /** The cron runs by trigger time (each run's instance and lane), for trigger times up to {@code bound}. */
    Map<Long, List<String>> ticks(long bound) throws IOException {
        Map<Long, List<String>> runs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("tick-") && !name.contains(".tmp-")) {
                    long trigger = Long.parseLong(name.substring(5, name.indexOf('.')));
                    if (trigger <= bound) {
                        runs.computeIfAbsent(trigger, k -> new ArrayList<>()).add(Files.readString(p).trim());
                    }
                }
            }
        }
        return runs;
    }

    private List<String> read(Predicate<String> names) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.contains(".tmp-") && names.test(name)) {
                    found.add(Files.readString(p).trim());
                }
            }
        }
        return found;
    }
}
