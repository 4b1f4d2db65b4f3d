package io.graylane.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.jar.JarFile;

/**
 * Entry point of {@code graylane-agent.jar}: {@code -javaagent} ({@link #premain}), dynamic attach
 * ({@link #agentmain}) and {@code java -jar} ({@link #main}: the command line). It puts the jar's top-level bootstrap
 * classes on the bootstrap class path, creates the agent class loader and hands over to the core. Nothing here may
 * throw into the host: if the agent cannot start, the application starts without it.
 */
public final class GraylaneAgent {
    private static final String INSTALLER = "io.graylane.core.AgentInstaller";
    private static final String RULES_CLI = "io.graylane.rules.cli.RulesCli";
    private static final String CONFIG_CLI = "io.graylane.core.config.ConfigCommand";
    private static boolean started;

    private GraylaneAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        long startNanos = System.nanoTime();
        if (started) {
            System.err.println("[graylane] WARN the agent is already running in this JVM; ignoring the second start");
            return;
        }
        started = true;
        try {
            File jar = agentJar();
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
            ClassLoader loader = new AgentClassLoader(jar, ClassLoader.getSystemClassLoader().getParent());
            Method install = loader.loadClass(INSTALLER).getMethod("install",
                    String.class, Instrumentation.class, long.class, boolean.class);
            install.invoke(null, args, inst, startNanos, attached);
        } catch (InvocationTargetException e) {
            System.err.println("[graylane] ERROR agent failed to start; the application continues without it: "
                    + e.getTargetException());
        } catch (Throwable t) {
            System.err.println("[graylane] ERROR agent failed to start; the application continues without it: " + t);
        }
    }

    /**
     * {@code java -jar graylane-agent.jar rules validate FILE | rules eval FILE k=v… | rules eval FILE --batch IN |
     * config | version}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0])) {
            usage();
            System.exit(args.length == 0 ? 2 : 0);
        }
        if ("version".equals(args[0]) || "--version".equals(args[0])) {
            System.out.println("graylane " + version());
            return;
        }
        if ("rules".equals(args[0]) || "config".equals(args[0])) {
            // the plugins (listed by 'config') name bootstrap bridge classes: with java -jar they come from the
            // system class loader (the agent jar's top level), as they come from the boot class path for an agent
            ClassLoader loader = new AgentClassLoader(agentJar(), "config".equals(args[0])
                    ? ClassLoader.getSystemClassLoader() : ClassLoader.getSystemClassLoader().getParent());
            Method main = loader.loadClass("rules".equals(args[0]) ? RULES_CLI : CONFIG_CLI)
                    .getMethod("main", String[].class);
            try {
                main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
            } catch (InvocationTargetException e) {
                throw (Exception) (e.getTargetException() instanceof Exception ? e.getTargetException() : e);
            }
            return;
        }
        System.err.println("unknown command: " + args[0]);
        usage();
        System.exit(2);
    }

    private static void usage() {
        System.err.println("usage: java -jar graylane-agent.jar <command>\n"
                + "  rules validate FILE          check a rule document; prints every problem by path\n"
                + "  rules eval FILE key=value…   which lane a request with these attributes gets, and why\n"
                + "  rules eval FILE --batch IN|- one JSON attribute set per line in, one JSON result per line out\n"
                + "  config                       every configuration key with its default and meaning\n"
                + "  version                      print the agent version\n"
                + "as an agent: java -javaagent:graylane-agent.jar[=key=value,…] -jar app.jar");
    }

    static String version() {
        Package p = GraylaneAgent.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static File agentJar() throws URISyntaxException {
        return new File(GraylaneAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
