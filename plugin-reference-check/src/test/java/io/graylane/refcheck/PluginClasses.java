package io.graylane.refcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The compiled classes of every graylane plugin on the test class path: each class path root (a module's
 * {@code target/classes} or its jar) that holds a {@code META-INF/services/io.graylane.core.plugin.GraylanePlugin}
 * file is one plugin, and all of its class files are checked (advice, helpers, instrumentations alike); so is each root
 * with a {@code META-INF/graylane/plugin-helpers} file (a plugin's helpers compiled in a module of their own).
 */
record PluginClasses(String plugin, List<byte[]> classFiles) {
    static final String SERVICE_FILE = "META-INF/services/io.graylane.core.plugin.GraylanePlugin";
    /** Marks a module of helpers that belongs to a plugin in another module (e.g. per-version helpers). */
    static final String HELPERS_FILE = "META-INF/graylane/plugin-helpers";

    static List<PluginClasses> onTestClassPath() throws IOException {
        List<PluginClasses> out = new ArrayList<>();
        for (String marker : List.of(SERVICE_FILE, HELPERS_FILE)) {
            Enumeration<URL> found = PluginClasses.class.getClassLoader().getResources(marker);
            for (URL url : Collections.list(found)) {
                out.add(read(url));
            }
        }
        return out;
    }

    private static PluginClasses read(URL serviceFile) throws IOException {
        if ("jar".equals(serviceFile.getProtocol())) {
            JarURLConnection c = (JarURLConnection) serviceFile.openConnection();
            c.setUseCaches(false);
            Path jar = toPath(c.getJarFileURL());
            List<byte[]> classes = new ArrayList<>();
            try (JarFile j = new JarFile(jar.toFile())) {
                for (JarEntry e : Collections.list(j.entries())) {
                    if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                        try (InputStream in = j.getInputStream(e)) {
                            classes.add(in.readAllBytes());
                        }
                    }
                }
            }
            return new PluginClasses(jar.getFileName().toString().replaceFirst("-\\d.*\\.jar$", ""), classes);
        }
        Path root = toPath(serviceFile).getParent().getParent().getParent(); // …/target/classes
        List<byte[]> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                classes.add(Files.readAllBytes(p));
            }
        }
        Path module = root.getParent() == null ? null : root.getParent().getParent(); // …/plugin-x
        return new PluginClasses(module == null ? root.toString() : module.getFileName().toString(), classes);
    }

    private static Path toPath(URL url) {
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("not a file URL: " + url, e));
        }
    }
}
