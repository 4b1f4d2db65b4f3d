package io.graylane.it.apps;

/** Prints the Java feature release this JVM runs on (the JDK under test), then exits. */
public final class RuntimeVersionApp {
    public static void main(String[] args) {
        System.out.println("JAVA feature=" + Runtime.version().feature() + " home=" + System.getProperty("java.home"));
    }
}
