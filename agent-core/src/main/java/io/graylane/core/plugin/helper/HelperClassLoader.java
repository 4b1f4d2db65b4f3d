package io.graylane.core.plugin.helper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Defines a plugin's typed helper classes for one application class loader. A helper is compiled against the
 * framework it instruments; here it resolves exactly three kinds of names:
 * <ul>
 *   <li>its own helper packages: defined by this loader from the class files the plugin ships;</li>
 *   <li>graylane's own types ({@code io.graylane.*}): from the loader of the plugin (the agent or extension loader);</li>
 *   <li>everything else (JDK types, then the framework's types): the JDK first, then the application loader.</li>
 * </ul>
 * Nothing else: the helper never sees the agent's third-party libraries, and the application never sees the helper.
 * One instance per (plugin helper set, application loader), so two web apps with different client versions each get
 * their own helpers.
 */
final class HelperClassLoader extends ClassLoader {
    private static final String GRAYLANE = "io.graylane.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader application;
    private final ClassLoader plugin;
    private final List<String> helperPackages;

    /**
     * @param application    the loader that holds the framework (never null: the bootstrap loader holds no framework)
     * @param plugin         the loader of the plugin's own classes (it also serves the helpers' class files)
     * @param helperPackages package prefixes (ending in '.') of the classes this loader defines
     */
    HelperClassLoader(ClassLoader application, ClassLoader plugin, List<String> helperPackages) {
        super(jdkLoader());
        this.application = application;
        this.plugin = plugin;
        this.helperPackages = helperPackages;
    }

    /** The platform loader (Java 9+) or extension loader (Java 8): JDK types only. */
    private static ClassLoader jdkLoader() {
        ClassLoader l = ClassLoader.getSystemClassLoader();
        while (l.getParent() != null) {
            l = l.getParent();
        }
        return l;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (isHelper(name)) {
                    c = defineHelper(name);
                } else if (name.startsWith(GRAYLANE)) {
                    c = plugin.loadClass(name);
                } else {
                    try {
                        c = getParent().loadClass(name);
                    } catch (ClassNotFoundException notJdk) {
                        c = application.loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    boolean isHelper(String name) {
        for (String p : helperPackages) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private Class<?> defineHelper(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        InputStream in = plugin.getResourceAsStream(resource);
        if (in == null) {
            throw new ClassNotFoundException(name + " (no class file in the plugin)");
        }
        byte[] bytes;
        try {
            bytes = readAll(in);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            in.close();
        }
    }

    @Override
    public String toString() {
        return "graylane-helpers" + helperPackages + "@" + application;
    }
}
