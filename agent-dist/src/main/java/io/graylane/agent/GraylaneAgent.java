package io.graylane.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.jar.JarFile;

/**
 * Entry point of {@code graylane-agent.jar}: {@code -javaagent} ({@link #premain}), dynamic attach ({@link #agentmain}:
 * refused) and {@code java -jar} ({@link #main}: the command line). It puts the jar's top-level bootstrap
 * classes on the bootstrap class path, creates the agent class loader and hands over to the core. Nothing here may
 * throw into the host: if the agent cannot start, the application starts without it.
 */
public final class GraylaneAgent {
    private static final String INSTALLER = "io.graylane.core.AgentInstaller";
    private static final String RULES_CLI = "io.graylane.rules.cli.RulesCli";
    private static final String CONFIG_CLI = "io.graylane.core.config.ConfigCommand";
    private static final String NODE_CLI = "io.graylane.core.node.NodeCommand";
    private static final String STATE = "io.graylane.core.AgentState";
    static final String ATTACH_REFUSED = "[graylane] ERROR runtime attach (jcmd JVMTI.agent_load, VirtualMachine.loadAgent) is"
            + " not supported: graylane must start with the JVM, -javaagent:graylane-agent.jar; nothing was loaded or"
            + " changed in this JVM, the application runs on without the agent";
    private static boolean started;

    private GraylaneAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /**
     * Runtime attach is refused: classes the application already loaded (and their lambdas, pools and connections
     * already in use) cannot be given the lane consistently, so an attached agent would mis-route or break requests
     * while reporting itself active. The refusal is immediate; the exception makes the attaching tool report a failure
     * (jcmd: a non-zero return code) after the message above is printed in the application's output.
     */
    public static void agentmain(String args, Instrumentation inst) {
        System.err.println(ATTACH_REFUSED);
        throw new UnsupportedOperationException(ATTACH_REFUSED.substring("[graylane] ERROR ".length()));
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        long startNanos = System.nanoTime();
        if (started) {
            System.err.println("[graylane] WARN the agent is already running in this JVM; ignoring the second start");
            return;
        }
        try {
            File jar = agentJar();
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
            ClassLoader loader = new AgentClassLoader(jar, ClassLoader.getSystemClassLoader().getParent());
            Method install = loader.loadClass(INSTALLER).getMethod("install",
                    String.class, Instrumentation.class, long.class, boolean.class);
            install.invoke(null, args, inst, startNanos, attached);
            // running only when the core set its state: a start refused for bad configuration (or disabled) leaves none,
            // and a later -javaagent may start
            started = loader.loadClass(STATE).getMethod("current").invoke(null) != null;
        } catch (InvocationTargetException e) {
            System.err.println("[graylane] ERROR agent failed to start; the application continues without it: "
                    + e.getTargetException());
        } catch (Throwable t) {
            System.err.println("[graylane] ERROR agent failed to start; the application continues without it: " + t);
        }
    }

    /**
     * {@code java -jar graylane-agent.jar rules validate FILE | rules eval FILE k=v… | rules eval FILE --batch IN |
     * config | node offline|online|status --admin HOST:PORT [--token T] [--wait-drained 60s] | version}.
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
        if ("node".equals(args[0])) {
            ClassLoader loader = new AgentClassLoader(agentJar(), ClassLoader.getSystemClassLoader().getParent());
            Method main = loader.loadClass(NODE_CLI).getMethod("main", String[].class);
            try {
                main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
            } catch (InvocationTargetException e) {
                throw (Exception) (e.getTargetException() instanceof Exception ? e.getTargetException() : e);
            }
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
                + "  node offline|online|status --admin HOST:PORT [--token T] [--wait-drained 60s]\n"
                + "                               take a node out of / back into service through its admin endpoint;\n"
                + "                               exit 0 only when it reached that state (drained, with --wait-drained)\n"
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
