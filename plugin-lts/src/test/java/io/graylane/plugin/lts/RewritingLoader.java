package io.graylane.plugin.lts;

import io.graylane.core.plugin.ClassRewrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads LTS and javassist classes itself (child first, from the test class path) so that each test gets fresh copies,
 * optionally passing class files through {@link ClassRewrite}s as the agent would at class load.
 */
final class RewritingLoader extends ClassLoader {
    private final Map<String, ClassRewrite> rewrites = new HashMap<>();

    RewritingLoader(ClassRewrite... rewrites) {
        super(RewritingLoader.class.getClassLoader());
        for (ClassRewrite r : rewrites) {
            this.rewrites.put(r.typeName(), r);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("com.github.ltsopensource.") && !name.startsWith("javassist.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (RewritingLoader.class.getClassLoader().getResource(name.replace('.', '/') + ".class") == null) {
                    throw new ClassNotFoundException(name); // LTS probes for classes it is about to generate
                }
                byte[] bytes = classFile(name);
                ClassRewrite r = rewrites.get(name);
                if (r != null) {
                    try {
                        byte[] out = r.rewrite(bytes);
                        bytes = out == null ? bytes : out;
                    } catch (Exception e) {
                        throw new IllegalStateException("rewrite of " + name + " failed", e);
                    }
                }
                c = defineClass(name, bytes, 0, bytes.length, RewritingLoader.class.getProtectionDomain());
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    static byte[] classFile(String name) {
        try (InputStream in = RewritingLoader.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + name + " on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
