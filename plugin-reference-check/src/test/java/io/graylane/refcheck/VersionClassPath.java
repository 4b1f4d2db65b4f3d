package io.graylane.refcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of one framework version (every jar in its directory) with the running JDK's behind them, read
 * with ASM and never loaded. JDK classes come from the platform class loader, which does not see the test class path.
 */
final class VersionClassPath implements AutoCloseable {
    final Framework framework;
    final String version;
    private final List<ZipFile> jars = new ArrayList<>();
    private final Map<String, Optional<ClassInfo>> cache = new HashMap<>();

    VersionClassPath(Framework framework, String version, Path dir) {
        this.framework = framework;
        this.version = version;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(new ZipFile(jar.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (built by this module's pom)", e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no jars in " + dir + " for " + this);
        }
    }

    /** The class (internal name) in this version or the JDK, or null if neither has it. */
    ClassInfo find(String internalName) {
        return cache.computeIfAbsent(internalName, n -> Optional.ofNullable(read(n))).orElse(null);
    }

    private ClassInfo read(String internalName) {
        String resource = internalName + ".class";
        try {
            for (ZipFile jar : jars) {
                ZipEntry e = jar.getEntry(resource);
                if (e != null) {
                    try (InputStream in = jar.getInputStream(e)) {
                        return ClassInfo.read(in.readAllBytes());
                    }
                }
            }
            if (Framework.owning(internalName) != null) {
                return null; // a framework type comes from the framework's jars only
            }
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(resource)) {
                return in == null ? null : ClassInfo.read(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " for " + this, e);
        }
    }

    @Override
    public void close() throws IOException {
        for (ZipFile jar : jars) {
            jar.close();
        }
    }

    @Override
    public String toString() {
        return framework.name() + " " + version;
    }
}
