package io.graylane.core.plugin.helper;

import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.GraylanePlugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The helpers of one plugin: code compiled against the framework it instruments, one instance per application class
 * loader that holds the framework, defined there by a {@link HelperClassLoader}. Advice reaches them through a
 * bootstrap bridge whose handler (in the agent's loader) asks {@link #forObject} for the helper of the framework
 * object in hand, and calls it through {@code api}, an interface the agent's loader knows.
 *
 * <p>The helper of a loader is kept in the class value of the framework's anchor class there, so it lives exactly as
 * long as that loader: a web app undeployed from a container takes its helpers with it. A loader whose framework
 * version no {@link HelperVersion} matches gets none (one log line); the calling handler then leaves the framework
 * alone.
 */
public final class TypedHelpers<T> {
    private final String plugin;
    private final ClassLoader pluginLoader;
    private final Class<T> api;
    private final String anchor;
    private final List<String> helperPackages;
    private final List<HelperVersion> versions;
    private final ClassValue<Holder<T>> byAnchor = new ClassValue<Holder<T>>() {
        @Override
        protected Holder<T> computeValue(Class<?> anchorClass) {
            return new Holder<T>(create(anchorClass.getClassLoader()));
        }
    };
    /** Per class: the helper of the loader of the anchor among its supertypes, else of the anchor its loader sees. */
    private final ClassValue<Holder<T>> byType = new ClassValue<Holder<T>>() {
        @Override
        protected Holder<T> computeValue(Class<?> type) {
            Class<?> a = anchorAmongSupertypes(type);
            if (a != null) {
                return byAnchor.get(a);
            }
            ClassLoader loader = type.getClassLoader();
            if (loader == null) {
                return new Holder<T>(null);
            }
            try {
                return byAnchor.get(Class.forName(anchor, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                AgentLogger.warnOnce("helpers-anchor:" + plugin + ":" + loader,
                        plugin + ": " + type.getName() + " is loaded by " + loader + ", which cannot see " + anchor
                                + "; left alone", null);
                return new Holder<T>(null);
            }
        }
    };
    /** Per class: the helper only when the anchor is one of its supertypes. */
    private final ClassValue<Holder<T>> bySubtype = new ClassValue<Holder<T>>() {
        @Override
        protected Holder<T> computeValue(Class<?> type) {
            Class<?> a = anchorAmongSupertypes(type);
            return a == null ? new Holder<T>(null) : byAnchor.get(a);
        }
    };

    /**
     * @param plugin         the plugin; its class loader serves the helpers' class files and graylane's own types
     * @param api            the interface every implementation implements (in the agent's or bootstrap loader)
     * @param anchor         a framework class present in every supported version: helpers are kept per its loader
     * @param helperPackages packages (as {@code a.b.c.}) whose classes are helpers, defined per application loader
     * @param versions       the implementations, most specific first
     */
    public TypedHelpers(GraylanePlugin plugin, Class<T> api, String anchor, List<String> helperPackages,
                        HelperVersion... versions) {
        this(plugin.name(), plugin.getClass().getClassLoader(), api, anchor, helperPackages, versions);
    }

    TypedHelpers(String plugin, ClassLoader pluginLoader, Class<T> api, String anchor, List<String> helperPackages,
                 HelperVersion... versions) {
        this.plugin = plugin;
        this.pluginLoader = pluginLoader;
        this.api = api;
        this.anchor = anchor;
        this.helperPackages = Collections.unmodifiableList(new ArrayList<String>(helperPackages));
        this.versions = Collections.unmodifiableList(Arrays.asList(versions));
    }

    /** The helper for the loader of {@code frameworkObject}'s class, or null (unsupported version, or failed). */
    public T forObject(Object frameworkObject) {
        return byType.get(frameworkObject.getClass()).helper;
    }

    /**
     * The helper for {@code frameworkObject} when the anchor type is among its class's supertypes (the anchor's own
     * loader decides), else null without a log line: for plugins with one helper set per API flavour.
     */
    public T forSubtype(Object frameworkObject) {
        return bySubtype.get(frameworkObject.getClass()).helper;
    }

    /** The helper for the loader that defined {@code frameworkType}, or null. */
    public T forType(Class<?> frameworkType) {
        return byType.get(frameworkType).helper;
    }

    /** The implementation chosen for {@code loader}, or null when none matches (for logs and tests). */
    public HelperVersion versionFor(ClassLoader loader) {
        for (HelperVersion v : versions) {
            if (v.matches(loader)) {
                return v;
            }
        }
        return null;
    }

    private Class<?> anchorAmongSupertypes(Class<?> type) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            if (k.getName().equals(anchor)) {
                return k;
            }
            Class<?> hit = anchorAmongInterfaces(k);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private Class<?> anchorAmongInterfaces(Class<?> k) {
        for (Class<?> i : k.getInterfaces()) {
            if (i.getName().equals(anchor)) {
                return i;
            }
            Class<?> hit = anchorAmongInterfaces(i);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private T create(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        HelperVersion v = versionFor(loader);
        if (v == null) {
            AgentLogger.warn(plugin + ": the framework version in " + loader + " is outside the supported range "
                    + versions + "; the plugin leaves that class loader alone");
            return null;
        }
        try {
            HelperClassLoader helpers = new HelperClassLoader(loader, pluginLoader, helperPackages);
            Class<?> type = helpers.loadClass(v.implementation());
            T helper = api.cast(type.getConstructor().newInstance());
            AgentLogger.debug(plugin + ": helpers for " + v + " in " + loader);
            return helper;
        } catch (Throwable t) {
            AgentLogger.warnOnce("helpers-create:" + plugin + ":" + v, plugin + ": could not set up its " + v
                    + " helpers in " + loader + "; the plugin leaves that class loader alone", t);
            return null;
        }
    }

    /** ClassValue needs a non-null value; "no helper" is a holder of null. */
    private static final class Holder<T> {
        final T helper;

        Holder(T helper) {
            this.helper = helper;
        }
    }
}
