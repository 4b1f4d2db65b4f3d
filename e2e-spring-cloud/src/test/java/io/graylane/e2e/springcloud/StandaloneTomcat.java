package io.graylane.e2e.springcloud;

import io.graylane.testkit.app.AppJvm;
import io.graylane.testkit.app.AppJvmBuilder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A standalone Tomcat as the teams run it: the distribution unpacked from Maven Central's zip
 * ({@code graylane.e2e.tomcat.home}, the module's pom unpacks it), one {@code CATALINA_BASE} with the distribution's
 * {@code conf/} ({@code server.xml}: the HTTP connector on 127.0.0.1 and {@link #port}, no shutdown port) and an exploded
 * WAR as {@code webapps/ROOT} (the test class path as {@code WEB-INF/classes} and {@code WEB-INF/lib}, without the
 * embedded Tomcat jars: the container's own are used; a {@code META-INF/context.xml} limits the jar scan to spring-web),
 * started by its {@code bin/catalina.sh run} in the foreground
 * with the JVM options (agent, graylane settings, application properties) in {@code CATALINA_OPTS}. The base, the port
 * and the WAR stay the same across restarts, as on a server.
 */
final class StandaloneTomcat {
    /** Jars of the embedded server that a WAR leaves out (the container provides the servlet API and Tomcat). */
    static final List<String> EMBEDDED_SERVER = List.of("tomcat-embed-");
    final Path home;
    final Path base;
    final int port;

    private StandaloneTomcat(Path home, Path base, int port) {
        this.home = home;
        this.base = base;
        this.port = port;
    }

    /** The distribution's version, from {@code RELEASE-NOTES}' "Apache Tomcat Version" line. */
    String version() throws IOException {
        try (Stream<String> lines = Files.lines(home.resolve("RELEASE-NOTES"))) {
            return lines.filter(l -> l.contains("Apache Tomcat Version")).findFirst()
                    .map(l -> l.replaceAll(".*Version\\s+", "").trim()).orElse("?");
        }
    }

    /** A new {@code CATALINA_BASE} under {@code base} with the connector on {@code port} and the WAR deployed as ROOT. */
    static StandaloneTomcat assemble(Path base, int port, String webappClassPath) throws IOException {
        String h = System.getProperty("graylane.e2e.tomcat.home");
        if (h == null || !Files.isRegularFile(Paths.get(h, "bin", "catalina.sh"))) {
            throw new IllegalStateException("no Tomcat distribution at graylane.e2e.tomcat.home=" + h
                    + " (the module's pom unpacks org.apache.tomcat:tomcat:zip there)");
        }
        Path home = Paths.get(h).toAbsolutePath();
        for (String d : List.of("conf", "logs", "temp", "work", "webapps/ROOT/WEB-INF/classes", "webapps/ROOT/WEB-INF/lib")) {
            Files.createDirectories(base.resolve(d));
        }
        copyTree(home.resolve("conf"), base.resolve("conf"));
        Path serverXml = base.resolve("conf/server.xml");
        String xml = Files.readString(serverXml);
        String loopback = replaceOnce(replaceOnce(xml, "<Server port=\"8005\"", "<Server port=\"-1\""),
                "<Connector port=\"8080\"", "<Connector address=\"127.0.0.1\" port=\"" + port + "\"");
        Files.writeString(serverXml, loopback);
        // Tomcat's own startup advice: scan only the jars that need it (no JSP here: no TLD scan; only spring-web's
        // ServletContainerInitializer starts the application)
        Files.createDirectories(base.resolve("webapps/ROOT/META-INF"));
        Files.writeString(base.resolve("webapps/ROOT/META-INF/context.xml"), """
                <Context>
                  <JarScanner scanClassPath="false">
                    <JarScanFilter tldSkip="*.jar" pluggabilitySkip="*.jar" pluggabilityScan="spring-web-*.jar"/>
                  </JarScanner>
                </Context>
                """);
        Path webInf = base.resolve("webapps/ROOT/WEB-INF");
        for (String entry : webappClassPath.split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            if (Files.isDirectory(p)) {
                copyTree(p, webInf.resolve("classes"));
            } else if (Files.isRegularFile(p) && EMBEDDED_SERVER.stream().noneMatch(n -> p.getFileName().toString().startsWith(n))) {
                Files.copy(p, webInf.resolve("lib").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new StandaloneTomcat(home, base.toAbsolutePath(), port);
    }

    /**
     * {@code bin/catalina.sh run} with {@code jvm}'s options in {@code CATALINA_OPTS}; {@code catalina.sh} execs the
     * JVM, so the process is Tomcat's JVM (SIGTERM and SIGKILL reach it).
     */
    AppJvm start(AppJvmBuilder jvm) throws IOException {
        return jvm.env("CATALINA_HOME", home.toString())
                .env("CATALINA_BASE", base.toString())
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("JAVA_OPTS", "")
                .startVia(List.of("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run"), "CATALINA_OPTS");
    }

    private static String replaceOnce(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("conf/server.xml has no " + what);
        }
        return text.replace(what, with);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
