package io.graylane.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a main class in its own JVM, optionally with the built agent, and collects its output. */
public final class ForkedJvm {
    /** Class path entries a real application would not have: graylane's own core. */
    private static final List<String> NOT_ON_APP_CLASSPATH = List.of("agent-core", "agent-dist");

    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    private final String mainClass;
    private String agentArgs;
    private boolean withAgent = true;
    private long timeoutSeconds = 120;
    private Path directory;
    private final List<String> extraClassPath = new ArrayList<>();

    private ForkedJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    public static ForkedJvm main(Class<?> mainClass) {
        return new ForkedJvm(mainClass.getName());
    }

    public static Path agentJar() {
        Path jar = Paths.get(System.getProperty("graylane.agent.jar", "../agent-dist/target/graylane-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar is not built: " + jar.toAbsolutePath()
                    + " (run mvn verify from the repository root)");
        }
        return jar.toAbsolutePath();
    }

    public static Path workDir(String name) throws IOException {
        Path dir = Paths.get(System.getProperty("graylane.it.work", "target/it-work"), name);
        Files.createDirectories(dir);
        return dir;
    }

    public ForkedJvm withoutAgent() {
        withAgent = false;
        return this;
    }

    public ForkedJvm agentArgs(String a) {
        agentArgs = a;
        return this;
    }

    public ForkedJvm jvmArg(String... a) {
        jvmArgs.addAll(Arrays.asList(a));
        return this;
    }

    /** An environment variable of the forked JVM (added to this JVM's environment). */
    public ForkedJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A class path entry appended to the application's class path. */
    public ForkedJvm classPathEntry(Path entry) {
        extraClassPath.add(entry.toAbsolutePath().toString());
        return this;
    }

    /** The forked JVM's working directory (default: this one's). */
    public ForkedJvm directory(Path dir) {
        directory = dir;
        return this;
    }

    public ForkedJvm args(String... a) {
        args.addAll(Arrays.asList(a));
        return this;
    }

    public Result run() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        if (withAgent) {
            cmd.add("-javaagent:" + agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(extraClassPath.isEmpty() ? appClassPath()
                : appClassPath() + File.pathSeparator + String.join(File.pathSeparator, extraClassPath));
        cmd.add(mainClass);
        cmd.addAll(args);
        Path out = Files.createTempFile(workDir("logs"), mainClass.substring(mainClass.lastIndexOf('.') + 1), ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("forked JVM did not finish in " + timeoutSeconds + " s: " + cmd
                    + "\n" + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), cmd);
    }

    /** The test class path minus graylane's core: the application's own classes and libraries. */
    public static String appClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> NOT_ON_APP_CLASSPATH.stream().noneMatch(n -> e.contains(File.separator + n + File.separator)
                        || new File(e).getName().startsWith(n + "-")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    public record Result(int exitCode, String output, List<String> command) {
        public List<String> lines(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
        }

        public long count(String fragment) {
            return output.lines().filter(l -> l.contains(fragment)).count();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- output ---\n" + output;
        }
    }
}
