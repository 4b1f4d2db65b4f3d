package io.graylane.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Where the server classpaths (testkit/target/&lt;server&gt;-lib) and the run directories are. */
final class TestkitHome {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestkitHome() {
    }

    /** testkit/target of the build that produced these classes, or -Dgraylane.testkit.home. */
    static Path home() {
        String p = System.getProperty("graylane.testkit.home");
        if (p != null && !p.isBlank()) {
            return Paths.get(p).toAbsolutePath();
        }
        try (InputStream in = TestkitHome.class.getResourceAsStream("testkit-build.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            String home = props.getProperty("home");
            if (home == null || home.contains("${")) {
                throw new TestkitException("testkit-build.properties not filtered; set -Dgraylane.testkit.home");
            }
            return Paths.get(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The forked JVM's classpath for one server, in Maven's resolution order (it matters: Nacos needs
     * com.caucho:hessian ahead of jraft's sofa hessian), launcher jar first.
     */
    static String classpath(String server) {
        Path lib = home().resolve(server + "-lib");
        Path cpFile = lib.resolve("classpath.txt");
        if (!Files.isRegularFile(cpFile)) {
            throw new TestkitException("no " + cpFile + ": build the testkit first (mvn -pl testkit package, "
                    + "or testkit/testkit.sh build)");
        }
        try {
            Set<String> ordered = new LinkedHashSet<>();
            String text = Files.readString(cpFile, StandardCharsets.UTF_8).trim();
            List<String> listed = new ArrayList<>();
            for (String entry : text.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    listed.add(Paths.get(entry.trim()).getFileName().toString());
                }
            }
            try (Stream<Path> s = Files.list(lib)) {
                s.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".jar") && !listed.contains(n))
                        .sorted()
                        .forEach(n -> ordered.add(lib.resolve(n).toString()));
            }
            for (String n : listed) {
                Path jar = lib.resolve(n);
                if (!Files.isRegularFile(jar)) {
                    throw new TestkitException("missing " + jar + ": rebuild the testkit");
                }
                ordered.add(jar.toString());
            }
            return String.join(java.io.File.pathSeparator, ordered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new run directory: -Dgraylane.testkit.runs, else &lt;working dir&gt;/target/testkit-runs when the
     * working directory has a target/ (a module under test), else testkit/target/testkit-runs.
     */
    static Path newRunDir(String name) {
        String p = System.getProperty("graylane.testkit.runs");
        Path base;
        if (p != null && !p.isBlank()) {
            base = Paths.get(p);
        } else {
            Path cwdTarget = Paths.get(System.getProperty("user.dir"), "target");
            base = Files.isDirectory(cwdTarget) ? cwdTarget.resolve("testkit-runs") : home().resolve("testkit-runs");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
        Path dir = base.resolve(name + "-" + stamp + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet())
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Path javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }
}
