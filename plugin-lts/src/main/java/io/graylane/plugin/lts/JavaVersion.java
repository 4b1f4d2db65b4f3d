package io.graylane.plugin.lts;

/** Which Java runs the agent, from {@code java.specification.version} ("1.8" on Java 8, "9", "17"… after). */
final class JavaVersion {
    private JavaVersion() {
    }

    static boolean hasModules() {
        return hasModules(System.getProperty("java.specification.version", "1.8"));
    }

    static boolean hasModules(String specificationVersion) {
        return !specificationVersion.startsWith("1.");
    }
}
