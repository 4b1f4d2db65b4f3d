package io.graylane.refcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Checks the framework references of class files against framework versions. Each problem is one line:
 * {@code <plugin class> -> <owner>.<name><descriptor> missing in <framework> <version>} (or another reason in place
 * of {@code missing}: static/instance, interface/class, private, package-private, an unreadable super type).
 */
final class ReferenceCheck implements AutoCloseable {
    /** Where the pom copies each framework version's jars ({@code <dir>/<framework>-<version>/}). */
    static final Path REF_DIR = Paths.get(System.getProperty("graylane.refcheck.dir", "target/ref"));

    private final Path refDir;
    private final Map<String, VersionClassPath> classPaths = new HashMap<>();

    ReferenceCheck(Path refDir) {
        this.refDir = refDir;
    }

    /** Problems of one class against the versions {@code versionsFor} gives per framework. */
    List<String> check(ReferenceCollector.Collected c, BiFunction<String, Framework, List<String>> versionsFor) {
        List<String> problems = new ArrayList<>();
        for (Reference ref : c.references()) {
            Framework f = Framework.owning(ref.owner());
            for (String version : versionsFor.apply(c.className(), f)) {
                VersionClassPath cp = classPath(f, version);
                String problem = new ReferenceResolver(cp).problem(ref);
                if (problem != null) {
                    problems.add(c.className() + " -> " + ref + " " + problem + " in " + cp);
                }
            }
        }
        return problems;
    }

    /** Problems of one class against every version the {@link VersionScope} table allows for it. */
    List<String> check(ReferenceCollector.Collected c) {
        return check(c, VersionScope::versionsFor);
    }

    VersionClassPath classPath(Framework f, String version) {
        return classPaths.computeIfAbsent(f.name() + " " + version,
                k -> new VersionClassPath(f, version, f.versionDir(refDir, version)));
    }

    @Override
    public void close() {
        for (VersionClassPath cp : classPaths.values()) {
            try {
                cp.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
