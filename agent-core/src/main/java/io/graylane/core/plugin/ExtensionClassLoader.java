package io.graylane.core.plugin;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads plugins from extension jars ({@code graylane.extensions}). Extensions compile against graylane's plugin API
 * and plain ByteBuddy; inside the agent jar ByteBuddy is relocated, so this loader rewrites references to
 * {@code net/bytebuddy/} into the relocated package as it defines classes and serves {@code .class} resources
 * (ByteBuddy reads advice classes as resources).
 */
final class ExtensionClassLoader extends URLClassLoader {
    /** Built at run time: the shade plugin would otherwise relocate this very constant. */
    private static final String ORIGINAL = String.join("/", "net", "bytebuddy", "");
    private static final String RELOCATED;

    static {
        registerAsParallelCapable();
        String bb = ByteBuddy.class.getName().replace('.', '/');
        RELOCATED = bb.substring(0, bb.length() - "ByteBuddy".length());
    }

    ExtensionClassLoader(URL[] jars, ClassLoader agentLoader) {
        super(jars, agentLoader);
    }

    static boolean relocated() {
        return !ORIGINAL.equals(RELOCATED);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!relocated()) {
            return super.findClass(name);
        }
        String resource = name.replace('.', '/') + ".class";
        URL url = findResource(resource);
        if (url == null) {
            throw new ClassNotFoundException(name);
        }
        try {
            byte[] bytes = remap(readAll(url.openStream()));
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (relocated() && name.endsWith(".class")) {
            URL url = findResource(name);
            if (url != null) {
                try {
                    return new ByteArrayInputStream(remap(readAll(url.openStream())));
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return super.getResourceAsStream(name);
    }

    private static byte[] remap(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassRemapper(writer, new Remapper() {
            @Override
            public String map(String internalName) {
                return internalName.startsWith(ORIGINAL) ? RELOCATED + internalName.substring(ORIGINAL.length())
                        : internalName;
            }
        }), 0);
        return writer.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
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
}
