package io.graylane.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The agent's own class loader. Everything but the bootstrap classes is stored in the agent jar under {@code inst/}
 * with {@code .class} renamed to {@code .classdata}, so neither the application class loader (which has the agent jar
 * on its class path) nor any tool sees those classes; only this loader defines them. Its parent is the platform
 * (Java 9+) or extension (Java 8) loader: it never sees application classes, so an application's own ByteBuddy,
 * Guava or Nacos client cannot clash with the agent's (which are also relocated under {@code io.graylane.shaded}).
 */
public final class AgentClassLoader extends ClassLoader {
    static final String PREFIX = "inst/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    public AgentClassLoader(File agentJar, ClassLoader parent) throws IOException {
        super(parent);
        this.jar = new JarFile(agentJar, false);
        URL location = agentJar.toURI().toURL();
        this.jarUrl = "jar:" + location.toExternalForm() + "!/";
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try {
            bytes = read(entry);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, "graylane", null, null, null);
                } catch (IllegalArgumentException alreadyDefined) {
                    // another thread won the race
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        String entryName = entryName(name);
        if (jar.getJarEntry(entryName) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + entryName);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        JarEntry entry = jar.getJarEntry(entryName(name));
        if (entry != null) {
            try {
                return jar.getInputStream(entry);
            } catch (IOException e) {
                return null;
            }
        }
        return super.getResourceAsStream(name);
    }

    private static String entryName(String resource) {
        String n = resource.startsWith("/") ? resource.substring(1) : resource;
        if (n.endsWith(".class")) {
            n = n.substring(0, n.length() - ".class".length()) + ".classdata";
        }
        return PREFIX + n;
    }

    private byte[] read(JarEntry entry) throws IOException {
        InputStream in = jar.getInputStream(entry);
        try {
            long size = entry.getSize();
            ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? (int) size : 4096);
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
        return "graylane-agent-loader";
    }
}
