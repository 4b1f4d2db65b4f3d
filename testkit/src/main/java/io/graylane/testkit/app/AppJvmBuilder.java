package io.graylane.testkit.app;

import io.graylane.testkit.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How to start one {@link AppJvm}. */
public final class AppJvmBuilder {
    private final String name;
    private final String mainClass;
    private Path javaHome = Paths.get(System.getProperty("java.home"));
    private boolean agent = true;
    private boolean adminEndpoint = true;
    private String agentArgs;
    private final Map<String, String> graylane = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> expectedVersions = new LinkedHashMap<>();
    private String heap = "192m";
    private String classPath;
    private Path agentJar;
    private Path workDir;
    private List<String> launcher;
    private String optionsVariable;

    AppJvmBuilder(String name, String mainClass) {
        this.name = name;
        this.mainClass = mainClass;
    }

    /** Run on another JDK (e.g. Temurin 25). */
    public AppJvmBuilder javaHome(Path home) {
        javaHome = home;
        return this;
    }

    public AppJvmBuilder withoutAgent() {
        agent = false;
        return this;
    }

    /** With the agent, whether to give it an admin port (default yes). */
    public AppJvmBuilder adminEndpoint(boolean on) {
        adminEndpoint = on;
        return this;
    }

    /** The {@code -javaagent:...=<args>} text (agent arguments), in addition to {@link #graylane}. */
    public AppJvmBuilder agentArgs(String a) {
        agentArgs = a;
        return this;
    }

    /** A {@code -Dgraylane.<key>=<value>} setting for the agent. */
    public AppJvmBuilder graylane(String key, String value) {
        graylane.put(key, value);
        return this;
    }

    /** Settings given as {@code key=value} texts (without the {@code graylane.} prefix). */
    public AppJvmBuilder graylane(List<String> keyValues) {
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            graylane.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        return this;
    }

    public AppJvmBuilder jvmArgs(String... a) {
        jvmArgs.addAll(Arrays.asList(a));
        return this;
    }

    public AppJvmBuilder jvmArgs(List<String> a) {
        jvmArgs.addAll(a);
        return this;
    }

    public AppJvmBuilder args(String... a) {
        args.addAll(Arrays.asList(a));
        return this;
    }

    public AppJvmBuilder env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Maximum heap (default 192m, with the serial GC and C1 only, for a 2-core box); null: the JVM's own defaults. */
    public AppJvmBuilder heap(String maxHeap) {
        heap = maxHeap;
        return this;
    }

    /** The agent jar to attach (default {@link AppJvm#agentJar()}). */
    public AppJvmBuilder agentJar(Path jar) {
        agentJar = jar.toAbsolutePath();
        return this;
    }

    /** The JVM's work directory (default {@code target/e2e-work/<name>-<nanos>}); {@code home/} is made inside. */
    public AppJvmBuilder workDir(Path dir) {
        workDir = dir.toAbsolutePath();
        return this;
    }

    /** Replace the default class path ({@link AppJvm#appClassPath}). */
    public AppJvmBuilder classPath(String cp) {
        classPath = cp;
        return this;
    }

    /**
     * The application must print {@code VERSION <library>=<version>} before {@code READY}; {@code version} null or
     * blank fails at start (the module's pom forgot to pass its matrix entry).
     */
    public AppJvmBuilder expectVersion(String library, String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("no expected version of " + library + " (the module's pom passes it)");
        }
        expectedVersions.put(library, version);
        return this;
    }

    /**
     * Start the JVM through a launcher script that runs {@code java} itself in the foreground with {@code exec} (e.g. a
     * standalone Tomcat's {@code bin/catalina.sh run}): the JVM options this builder would give {@code java} (heap,
     * agent, graylane settings, {@code user.home}, {@link #jvmArgs}) are handed to the script in the environment
     * variable {@code optionsVariable} (e.g. {@code CATALINA_OPTS}, space-separated: no spaces inside an option); the
     * class path, main class and arguments are the script's own. The process id is the JVM's, as with {@link #start}.
     */
    public AppJvm startVia(List<String> command, String optionsVariable) throws IOException {
        this.launcher = List.copyOf(command);
        this.optionsVariable = optionsVariable;
        return start();
    }

    public AppJvm start() throws IOException {
        Path dir = workDir != null ? workDir : Paths.get(System.getProperty("graylane.e2e.work", "target/e2e-work"),
                name + "-" + System.nanoTime()).toAbsolutePath();
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("tmp"));
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.add("-Xshare:auto");
        if (heap != null) {
            cmd.addAll(List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        int adminPort = 0;
        if (agent) {
            cmd.add("-javaagent:" + (agentJar != null ? agentJar : AppJvm.agentJar())
                    + (agentArgs == null ? "" : "=" + agentArgs));
            if (adminEndpoint && !graylane.containsKey("admin.port")) {
                adminPort = Ports.free();
                cmd.add("-Dgraylane.admin.port=" + adminPort);
            } else if (graylane.containsKey("admin.port")) {
                adminPort = Integer.parseInt(graylane.get("admin.port"));
            }
            graylane.forEach((k, v) -> cmd.add("-Dgraylane." + k + "=" + v));
            if (Boolean.getBoolean("e2e.debug")) {
                cmd.add("-Dgraylane.log.level=DEBUG");
            }
        }
        cmd.add("-Duser.home=" + home);
        cmd.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        // framework clients that write under user.home by default, kept inside the work directory
        cmd.add("-DJM.SNAPSHOT.PATH=" + home.resolve("nacos"));
        cmd.add("-DJM.LOG.PATH=" + home.resolve("nacos-logs"));
        cmd.add("-Dcom.alibaba.nacos.naming.cache.dir=" + home.resolve("nacos-naming"));
        cmd.add("-Drocketmq.client.logRoot=" + home.resolve("rocketmq-logs"));
        cmd.add("-Drocketmq.client.logUseSlf4j=false");
        cmd.addAll(jvmArgs);
        if (launcher != null) {
            List<String> options = cmd.subList(1, cmd.size());
            env.put(optionsVariable, String.join(" ", options));
            Files.writeString(dir.resolve("command.txt"), optionsVariable + "=\"" + env.get(optionsVariable) + "\" "
                    + String.join(" ", launcher));
        } else {
            cmd.add("-cp");
            cmd.add(classPath == null ? AppJvm.appClassPath() : classPath);
            cmd.add(mainClass);
            cmd.addAll(args);
            Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd));
        }
        List<String> command = launcher != null ? launcher : cmd;
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new AppJvm(name, pb.start(), dir, adminPort, graylane.get("admin.token"), expectedVersions, command);
    }
}
