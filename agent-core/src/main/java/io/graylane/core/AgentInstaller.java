package io.graylane.core;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.core.admin.AdminServer;
import io.graylane.core.config.AgentConfig;
import io.graylane.core.config.ConfigKey;
import io.graylane.core.config.ConfigException;
import io.graylane.core.config.ConfigKeys;
import io.graylane.core.install.InstrumentationInstaller;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.Durations;
import io.graylane.core.node.GracefulShutdown;
import io.graylane.core.node.NodeLifecycle;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.PluginLoader;
import io.graylane.core.plugin.PluginState;
import io.graylane.core.rules.AgentRules;

import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Starts the agent core: called reflectively by the launcher in the agent's own class loader. Never throws. */
public final class AgentInstaller {
    private AgentInstaller() {
    }

    public static void install(String agentArgs, Instrumentation inst, long startNanos, boolean attached) {
        ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
        AgentConfig config;
        List<PluginState> plugins;
        try {
            // first pass: the core's keys (logging, extensions, plugin switches); the plugins' keys are known only
            // once the plugins are found, so the second pass checks every key before anything is installed
            AgentConfig core = AgentConfig.fromEnvironment(agentArgs, Collections.<ConfigKey>emptyList(), true);
            configureLogging(core);
            if (!core.getBoolean(ConfigKeys.ENABLED)) {
                AgentLogger.info("disabled by " + ConfigKeys.ENABLED.name() + "=false ("
                        + core.sourceOf(ConfigKeys.ENABLED.name()) + ")");
                return;
            }
            plugins = PluginLoader.load(core, agentLoader);
            config = AgentConfig.fromEnvironment(agentArgs, PluginLoader.configKeys(plugins), false);
        } catch (ConfigException e) {
            System.err.println("[graylane] ERROR " + e.getMessage()
                    + "\n[graylane] ERROR the agent is disabled; the application starts without it");
            return;
        } catch (Throwable t) {
            System.err.println("[graylane] ERROR agent failed to start; the application continues without it: " + t);
            return;
        }
        for (String w : config.warnings()) {
            AgentLogger.warn(w);
        }
        try {
            start(config, plugins, inst, startNanos, attached);
        } catch (Throwable t) {
            AgentLogger.error("agent failed to start; the application continues without it", t);
        }
    }

    private static void configureLogging(AgentConfig config) {
        AgentLogger.Level level;
        try {
            level = AgentLogger.Level.valueOf(config.get(ConfigKeys.LOG_LEVEL).trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException badLevel) {
            level = AgentLogger.Level.INFO; // the second pass reports it and disables the agent
        }
        try {
            AgentLogger.configure(level, config.getBoolean(ConfigKeys.LOG_STDERR), config.get(ConfigKeys.LOG_FILE));
        } catch (Exception e) {
            System.err.println("[graylane] WARN cannot open " + ConfigKeys.LOG_FILE.name() + "="
                    + config.get(ConfigKeys.LOG_FILE) + ": " + e + "; logging to stderr only");
        }
    }

    private static void start(AgentConfig config, List<PluginState> plugins, Instrumentation inst, long startNanos,
                              boolean attached) throws Exception {
        AgentBridge.install(new AgentBridge.Sink() {
            @Override
            public void adviceFailed(String where, Throwable error) {
                AgentLogger.warnOnce("advice:" + error.getClass().getName() + ":" + firstFrame(error),
                        "graylane advice failed and was skipped; the application call continued (logged once per kind)",
                        error);
            }
        });
        String lane = config.get(ConfigKeys.LANE);
        io.graylane.bootstrap.LaneNames.nodeLane(lane);
        String app = appName(config);
        ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
        AgentState state = new AgentState(version(), app, lane, config, plugins);
        AgentState.set(state);
        AgentRules.start(config);
        NodeLifecycle lifecycle = new NodeLifecycle(config.getInt(ConfigKeys.NODE_QUIET_PERIOD));
        NodeLifecycle.install(lifecycle);
        PluginContext context = new PluginContext(config, lane, app);
        for (PluginState p : plugins) {
            if (p.isActive()) {
                try {
                    p.plugin().start(context);
                } catch (Throwable t) {
                    if (p.disable("start failed: " + t)) {
                        AgentLogger.error("plugin " + p.name() + " disabled: start failed; the application continues without it", t);
                    }
                }
            }
        }
        long beforeInstall = System.nanoTime();
        AgentLogger.debug("configuration and plugins ready after "
                + TimeUnit.NANOSECONDS.toMillis(beforeInstall - startNanos) + " ms");
        InstrumentationInstaller.install(inst, plugins, agentLoader);
        AgentLogger.debug("instrumentation installed in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeInstall) + " ms");
        Integer port = config.getInt(ConfigKeys.ADMIN_PORT);
        if (port != null) {
            try {
                AdminServer.start(config.get(ConfigKeys.ADMIN_BIND), port, config.get(ConfigKeys.ADMIN_TOKEN));
            } catch (Throwable e) {
                // one line, no stack trace: typically the port is in use (by the application itself, or another process)
                AgentLogger.warn("admin endpoint could not start on " + config.get(ConfigKeys.ADMIN_BIND) + ":" + port
                        + " (" + e + "); the agent runs on without it");
            }
        }
        if (config.getBoolean(ConfigKeys.SHUTDOWN_GRACEFUL)) {
            GracefulShutdown.install(lifecycle, Durations.toMillis(config.get(ConfigKeys.SHUTDOWN_TIMEOUT)));
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        state.startupMillis(ms);
        List<String> active = new ArrayList<String>();
        List<String> off = new ArrayList<String>();
        for (PluginState p : plugins) {
            (p.isActive() ? active : off).add(p.name());
        }
        AgentLogger.info("graylane " + state.version() + " started in " + ms + " ms" + (attached ? " (attached)" : "")
                + ": app=" + app + " lane=" + (lane.isEmpty() ? "<baseline>" : lane)
                + " plugins=" + active + (off.isEmpty() ? "" : " off=" + off));
    }

    private static String firstFrame(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "?" : st[0].toString();
    }

    static String appName(AgentConfig config) {
        String app = config.get(ConfigKeys.APP);
        if (app != null && !app.isEmpty()) {
            return app;
        }
        for (String key : new String[] {"spring.application.name", "dubbo.application.name", "project.name"}) {
            String v = System.getProperty(key);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        String cmd = System.getProperty("sun.java.command", "");
        String first = cmd.trim().split("\\s+")[0];
        if (first.endsWith(".jar")) {
            first = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1, first.length() - 4);
        } else if (first.contains(".")) {
            first = first.substring(first.lastIndexOf('.') + 1);
        }
        return first.isEmpty() ? "unknown" : first;
    }

    static String version() {
        try {
            InputStream in = AgentInstaller.class.getResourceAsStream("/io/graylane/core/graylane-version.properties");
            if (in != null) {
                try {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version", "dev");
                } finally {
                    in.close();
                }
            }
        } catch (Exception ignored) {
            // fall through
        }
        return "dev";
    }
}
