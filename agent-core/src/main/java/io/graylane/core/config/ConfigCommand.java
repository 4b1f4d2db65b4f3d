package io.graylane.core.config;

import io.graylane.core.plugin.GraylanePlugin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * {@code java -jar graylane-agent.jar config}: every configuration key, the core's and each built-in plugin's, with
 * its default and description.
 */
public final class ConfigCommand {
    private ConfigCommand() {
    }

    public static void main(String[] args) {
        System.out.print(render(builtInPlugins(ConfigCommand.class.getClassLoader())));
    }

    /** The plugins {@code loader} finds; one that cannot be created is skipped. */
    public static List<GraylanePlugin> builtInPlugins(ClassLoader loader) {
        List<GraylanePlugin> plugins = new ArrayList<GraylanePlugin>();
        Iterator<GraylanePlugin> it = ServiceLoader.load(GraylanePlugin.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                plugins.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                System.err.println("(a plugin could not be loaded and is not listed: " + e + ")");
            }
        }
        return plugins;
    }

    static String render(List<GraylanePlugin> plugins) {
        StringBuilder sb = new StringBuilder();
        sb.append("# core\n");
        for (ConfigKey k : ConfigKeys.all()) {
            line(sb, k);
        }
        sb.append(String.format("%-40s %-12s %s%n", "graylane.plugin.<name>.enabled", "true",
                "turns one plugin off"));
        for (GraylanePlugin p : plugins) {
            sb.append("# plugin ").append(p.name()).append('\n');
            for (ConfigKey k : p.configKeys()) {
                line(sb, k);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, ConfigKey k) {
        sb.append(String.format("%-40s %-12s %s%n", k.name(), k.defaultValue() == null ? "(none)"
                : k.defaultValue().isEmpty() ? "(empty)" : k.defaultValue(), k.doc()));
    }
}
