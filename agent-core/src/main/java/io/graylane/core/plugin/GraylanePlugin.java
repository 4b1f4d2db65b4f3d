package io.graylane.core.plugin;

import io.graylane.core.config.ConfigKey;

import java.util.Collections;
import java.util.List;

/**
 * A graylane plugin: one framework (Dubbo, RocketMQ, LTS, the JDK's executors…). Found with
 * {@link java.util.ServiceLoader} in the agent and in extension jars. Turned off by
 * {@code graylane.plugin.<name>.enabled=false}. If any of its instrumentations fails, the plugin is disabled, logged
 * once, and the application keeps running.
 */
public interface GraylanePlugin {
    /** Lower-case, digits and '-', e.g. {@code dubbo}: used in configuration keys, logs and metrics. */
    String name();

    /**
     * Class names that must be visible from a class loader before this plugin touches any class it loads (e.g. a
     * class that only exists in the supported framework versions). Checked as resources: never loads the class.
     */
    default List<String> witnessClasses() {
        return Collections.emptyList();
    }

    /**
     * The configuration keys this plugin reads ({@code graylane.<plugin>.*} by convention). Every value is checked
     * (type and {@link ConfigKey.Check}) before anything is installed: a bad one names the key and disables the agent.
     * They are listed by {@code java -jar graylane-agent.jar config} and in docs/configuration.md.
     */
    default List<ConfigKey> configKeys() {
        return Collections.emptyList();
    }

    /** One entry per target type. Called once, at agent start-up. */
    List<TypeInstrumentation> typeInstrumentations();

    /** ByteBuddy-free rewrites of early-loading types (see {@link ClassRewrite}); rarely needed. */
    default List<ClassRewrite> classRewrites() {
        return Collections.emptyList();
    }

    /** Non-bytecode start-up work (e.g. registering metrics). Called before instrumentations are installed. */
    default void start(PluginContext context) throws Exception {
    }
}
