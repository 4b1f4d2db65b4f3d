package io.graylane.core.app;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * A few of the application's own settings, read at agent start before any application class loads, the way Spring
 * Boot finds them: system properties, environment ({@code SPRING_APPLICATION_NAME}, {@code SERVER_PORT}), then
 * {@code ./config/application.properties|yml}, {@code ./application.properties|yml}, the class path's
 * {@code application.properties|yml}, and for {@code java -jar app.jar} the jar's
 * {@code BOOT-INF/classes/application.properties|yml}. Only the first YAML document counts; profiles are not
 * evaluated. Files larger than {@link #MAX_BYTES} are ignored. Never throws: unreadable sources are skipped.
 */
public final class ApplicationSettings {
    static final int MAX_BYTES = 1 << 20;
    private static final String[] NAMES = {"application.properties", "application.yml", "application.yaml"};

    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final List<Map<String, String>> files;
    private final boolean springBoot;

    ApplicationSettings(Map<String, String> systemProperties, Map<String, String> environment,
                        List<Map<String, String>> files, boolean springBoot) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.files = files;
        this.springBoot = springBoot;
    }

    /** Reads this JVM's settings; cheap enough for start-up (a few small files, the main jar's directory). */
    public static ApplicationSettings current() {
        Map<String, String> sys = new LinkedHashMap<String, String>();
        for (String name : System.getProperties().stringPropertyNames()) {
            sys.put(name, System.getProperty(name));
        }
        List<Map<String, String>> files = new ArrayList<Map<String, String>>();
        boolean boot = false;
        try {
            for (String dir : new String[] {"config", "."}) {
                for (String name : NAMES) {
                    addFile(files, new File(dir, name));
                }
            }
            ClassLoader system = ClassLoader.getSystemClassLoader();
            for (String name : NAMES) {
                URL url = system.getResource(name);
                if (url != null) {
                    addParsed(files, name, read(url.openStream()));
                }
            }
            boot = system.getResource("org/springframework/boot/SpringApplication.class") != null;
            String jar = mainJar();
            if (jar != null) {
                JarFile jf = new JarFile(jar);
                try {
                    boot |= jf.getManifest() != null && jf.getManifest().getMainAttributes().getValue("Start-Class") != null;
                    for (String name : NAMES) {
                        ZipEntry e = jf.getEntry("BOOT-INF/classes/" + name);
                        if (e != null && e.getSize() <= MAX_BYTES) {
                            addParsed(files, name, read(jf.getInputStream(e)));
                        }
                    }
                } finally {
                    jf.close();
                }
            }
        } catch (Throwable ignored) {
            // settings are a convenience: whatever could be read counts
        }
        return new ApplicationSettings(sys, System.getenv(), files, boot);
    }

    /** The value of a Spring-style key ({@code server.port}), or null; its environment form is also looked up. */
    public String get(String key) {
        String v = systemProperties.get(key);
        if (v == null) {
            v = environment.get(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        for (int i = 0; v == null && i < files.size(); i++) {
            v = files.get(i).get(key);
        }
        return v == null || v.trim().isEmpty() ? null : v.trim();
    }

    /**
     * Ports the application says it will listen on: {@code server.port} (8080 for a Spring Boot application that sets
     * none), {@code management.server.port}, {@code dubbo.protocol.port}, and the connector/shutdown ports of a
     * standalone Tomcat's {@code conf/server.xml} ({@code catalina.base}).
     */
    public List<Integer> declaredPorts() {
        List<Integer> ports = new ArrayList<Integer>();
        String server = get("server.port");
        if (server != null) {
            addPort(ports, server);
        } else if (springBoot) {
            ports.add(8080);
        }
        addPort(ports, get("management.server.port"));
        addPort(ports, get("dubbo.protocol.port"));
        String catalinaBase = systemProperties.get("catalina.base");
        if (catalinaBase != null) {
            try {
                File xml = new File(new File(catalinaBase, "conf"), "server.xml");
                if (xml.isFile() && xml.length() <= MAX_BYTES) {
                    ports.addAll(TomcatServerXml.ports(read(new java.io.FileInputStream(xml))));
                }
            } catch (Throwable ignored) {
                // no Tomcat ports known
            }
        }
        return Collections.unmodifiableList(ports);
    }

    /** Which setting declared {@code port}, for the log line; null when none did. */
    public String whoDeclares(int port) {
        if (String.valueOf(port).equals(get("server.port"))) {
            return "server.port";
        }
        if (get("server.port") == null && springBoot && port == 8080) {
            return "Spring Boot's default server.port";
        }
        if (String.valueOf(port).equals(get("management.server.port"))) {
            return "management.server.port";
        }
        if (String.valueOf(port).equals(get("dubbo.protocol.port"))) {
            return "dubbo.protocol.port";
        }
        return declaredPorts().contains(port) ? "Tomcat's conf/server.xml" : null;
    }

    private static void addPort(List<Integer> ports, String value) {
        if (value == null) {
            return;
        }
        try {
            int p = Integer.parseInt(value.trim());
            if (p > 0 && p <= 65535) {
                ports.add(p);
            }
        } catch (NumberFormatException ignored) {
            // placeholders like ${PORT:8080} are not resolved
        }
    }

    private static String mainJar() {
        String cmd = System.getProperty("sun.java.command", "").trim();
        String first = cmd.isEmpty() ? "" : cmd.split("\\s+")[0];
        return first.endsWith(".jar") && new File(first).isFile() ? first : null;
    }

    private static void addFile(List<Map<String, String>> files, File f) throws IOException {
        if (f.isFile() && f.length() <= MAX_BYTES) {
            addParsed(files, f.getName(), read(new java.io.FileInputStream(f)));
        }
    }

    private static void addParsed(List<Map<String, String>> files, String name, String text) {
        if (text != null) {
            files.add(name.endsWith(".properties") ? SettingsText.properties(text) : SettingsText.yaml(text));
        }
    }

    /** UTF-8 text, or null beyond {@link #MAX_BYTES}. */
    static String read(InputStream in) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_BYTES) {
                    return null;
                }
                out.write(buf, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } finally {
            in.close();
        }
    }
}
