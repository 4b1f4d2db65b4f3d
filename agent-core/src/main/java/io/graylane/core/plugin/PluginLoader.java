package io.graylane.core.plugin;

import io.graylane.core.config.AgentConfig;
import io.graylane.core.config.ConfigKey;
import io.graylane.core.config.ConfigKeys;
import io.graylane.core.logging.AgentLogger;

import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/** Finds the built-in plugins and those in extension jars, and applies {@code graylane.plugin.<name>.enabled}. */
public final class PluginLoader {
    private PluginLoader() {
    }

    public static List<PluginState> load(AgentConfig config, ClassLoader agentLoader) {
        Map<String, PluginState> byName = new LinkedHashMap<String, PluginState>();
        discover(ServiceLoader.load(GraylanePlugin.class, agentLoader), agentLoader, "built-in", config, byName);
        for (String path : config.getList(ConfigKeys.EXTENSIONS)) {
            File jar = new File(path);
            if (!jar.isFile()) {
                AgentLogger.warn("extension " + path + " (" + ConfigKeys.EXTENSIONS.name() + ") is not a file; skipped");
                continue;
            }
            String unreadable = unreadableJar(jar);
            if (unreadable != null) {
                AgentLogger.warn("extension " + path + " (" + ConfigKeys.EXTENSIONS.name() + ") " + unreadable + "; skipped");
                continue;
            }
            try {
                ClassLoader loader = new ExtensionClassLoader(new URL[] {jar.toURI().toURL()}, agentLoader);
                int before = byName.size();
                discover(ServiceLoader.load(GraylanePlugin.class, loader), loader, jar.getName(), config, byName);
                if (byName.size() == before) {
                    AgentLogger.warn("extension " + path + " (" + ConfigKeys.EXTENSIONS.name() + ") added no plugin");
                }
            } catch (Throwable t) {
                AgentLogger.warn("extension " + path + " could not be loaded; skipped", t);
            }
        }
        return new ArrayList<PluginState>(byName.values());
    }

    /**
     * The configuration keys of every plugin found, on or off (a plugin whose {@code configKeys()} throws is disabled and
     * logged once).
     */
    public static List<ConfigKey> configKeys(List<PluginState> plugins) {
        List<ConfigKey> keys = new ArrayList<ConfigKey>();
        for (PluginState p : plugins) {
            try {
                keys.addAll(p.plugin().configKeys());
            } catch (Throwable t) {
                if (p.disable("configKeys() failed: " + t)) {
                    AgentLogger.error("plugin " + p.name() + " disabled: it could not list its configuration keys", t);
                }
            }
        }
        return keys;
    }

    /**
     * Null when {@code jar} opens as a jar and declares plugins ({@code META-INF/services/<GraylanePlugin>}); otherwise
     * what is wrong with it. The class loader would silently ignore a corrupt jar.
     */
    static String unreadableJar(File jar) {
        JarFile j;
        try {
            j = new JarFile(jar, false);
        } catch (Throwable t) {
            return "is not a readable jar (" + t + ")";
        }
        try {
            if (j.getEntry("META-INF/services/" + GraylanePlugin.class.getName()) == null) {
                return "declares no plugin (no META-INF/services/" + GraylanePlugin.class.getName() + ")";
            }
            return null;
        } finally {
            try {
                j.close();
            } catch (Throwable ignored) {
                // read-only
            }
        }
    }

    private static void discover(ServiceLoader<GraylanePlugin> services, ClassLoader from, String origin,
                                 AgentConfig config, Map<String, PluginState> byName) {
        Iterator<GraylanePlugin> it = services.iterator();
        while (true) {
            GraylanePlugin plugin;
            try {
                if (!it.hasNext()) {
                    break;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                AgentLogger.warn("a plugin from " + origin + " could not be created; skipped", e);
                continue;
            }
            if (plugin.getClass().getClassLoader() != from) {
                continue; // an extension's service lookup also sees the built-in plugins
            }
            String name;
            try {
                name = plugin.name();
            } catch (Throwable t) {
                AgentLogger.warn("a plugin from " + origin + " (" + plugin.getClass().getName() + ") failed to name itself; skipped", t);
                continue;
            }
            if (byName.containsKey(name)) {
                AgentLogger.warn("plugin " + name + " from " + origin + " has the same name as one already loaded; skipped");
                continue;
            }
            boolean enabled = config.isPluginEnabled(name);
            byName.put(name, new PluginState(plugin, origin,
                    enabled ? PluginState.Status.ACTIVE : PluginState.Status.DISABLED_BY_CONFIG,
                    enabled ? null : ConfigKeys.pluginEnabledKey(name) + "=false"));
        }
    }
}
