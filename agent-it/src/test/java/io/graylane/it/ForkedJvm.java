package io.graylane.it;

import io.graylane.testkit.app.AppJvm;
import io.graylane.testkit.app.AppJvmBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a main class to completion in its own JVM, optionally with the built agent, and collects its output — this
 * module's facade over the testkit's {@link AppJvm}. The class-path policy is this module's own ({@link #appClassPath}:
 * the applications here use the SDK in rules-engine), the JVM keeps its default heap and compiler, and no admin port
 * is set unless a test asks for one.
 */
public final class ForkedJvm {
    /** Class path entries a real application would not have: graylane's own core. */
    private static final List<String> NOT_ON_APP_CLASSPATH = List.of("agent-core", "agent-dist", "testkit");

    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Class<?> mainClass;
    private String agentArgs;
    private boolean withAgent = true;
    private final long timeoutSeconds = 120;
    private Path directory;
    private final List<String> extraClassPath = new ArrayList<>();
    private final List<String> withoutJars = new ArrayList<>();

    private ForkedJvm(Class<?> mainClass) {
        this.mainClass = mainClass;
    }

    public static ForkedJvm main(Class<?> mainClass) {
        return new ForkedJvm(mainClass);
    }

    public static Path agentJar() {
        return AppJvm.agentJar();
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

    /**
     * Leaves jars whose file name starts with one of {@code prefixes} off the application's class path (for a test that
     * puts another version of a library there itself).
     */
    public ForkedJvm withoutClassPathJars(List<String> prefixes) {
        withoutJars.addAll(prefixes);
        return this;
    }

    /** The forked JVM's working directory (default: a new one under target/e2e-work). */
    public ForkedJvm directory(Path dir) {
        directory = dir;
        return this;
    }

    public ForkedJvm args(String... a) {
        args.addAll(Arrays.asList(a));
        return this;
    }

    /** A builder with this module's class path and JVM defaults, for a test that keeps the application running. */
    public static AppJvmBuilder longRunning(Class<?> mainClass) {
        return AppJvm.builder(mainClass.getSimpleName(), mainClass).classPath(appClassPath()).heap(null)
                .adminEndpoint(false);
    }

    public Result run() throws IOException {
        List<String> cp = new ArrayList<>(List.of(appClassPath().split(File.pathSeparator)));
        cp.removeIf(e -> withoutJars.stream().anyMatch(p -> new File(e).getName().startsWith(p)));
        cp.addAll(extraClassPath);
        AppJvmBuilder b = longRunning(mainClass).classPath(String.join(File.pathSeparator, cp))
                .jvmArgs(jvmArgs).args(args.toArray(new String[0]));
        env.forEach(b::env);
        if (!withAgent) {
            b.withoutAgent();
        } else if (agentArgs != null) {
            b.agentArgs(agentArgs);
        }
        if (directory != null) {
            b.workDir(directory);
        }
        try (AppJvm app = b.start()) {
            app.closeInput();
            int exit = app.waitFor(Duration.ofSeconds(timeoutSeconds));
            return new Result(exit, app.log(), app.command());
        }
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
