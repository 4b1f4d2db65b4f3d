package io.graylane.it.apps;

/** A plain program: the agent must attach, and the program must still exit 0. */
public final class PlainApp {
    public static void main(String[] args) throws Exception {
        System.out.println("HELLO " + String.join(",", args));
        if (args.length > 0 && args[0].startsWith("wait=")) {
            // keeps the JVM up until its stdin closes or the time passes (used by the admin endpoint test)
            long until = System.currentTimeMillis() + Long.parseLong(args[0].substring(5));
            java.nio.file.Path marker = java.nio.file.Paths.get(args[1]);
            while (System.currentTimeMillis() < until && !java.nio.file.Files.exists(marker)) {
                Thread.sleep(20);
            }
        }
    }
}
