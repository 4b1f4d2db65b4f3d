package io.graylane.core.plugin.helper;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One implementation of a plugin's helper, for the framework versions its witness classes identify: it is chosen for
 * an application class loader when every witness class is visible there (checked as resources, never loaded).
 */
public final class HelperVersion {
    private final String label;
    private final String implementation;
    private final List<String> witnesses;

    private HelperVersion(String label, String implementation, List<String> witnesses) {
        this.label = label;
        this.implementation = implementation;
        this.witnesses = witnesses;
    }

    /**
     * @param label          what the versions are called in logs, e.g. {@code "rocketmq-client 5.x"}
     * @param implementation the helper class (in a helper package) with a public no-argument constructor
     * @param witnesses      classes that exist exactly in the versions this implementation supports
     */
    public static HelperVersion of(String label, String implementation, String... witnesses) {
        return new HelperVersion(label, implementation, Collections.unmodifiableList(Arrays.asList(witnesses)));
    }

    public String label() {
        return label;
    }

    public String implementation() {
        return implementation;
    }

    public List<String> witnesses() {
        return witnesses;
    }

    boolean matches(ClassLoader loader) {
        for (String w : witnesses) {
            if (loader.getResource(w.replace('.', '/') + ".class") == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return label;
    }
}
