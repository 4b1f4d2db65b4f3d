package io.graylane.it.apps;

/**
 * Sends itself SIGTERM (through {@code kill}) and waits: a JVM shutdown hook prints {@code HOOK RAN}; the JVM must
 * exit 143 as it does without any agent.
 */
public final class SigtermApp {
    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("HOOK RAN")));
        System.out.println("UP");
        new ProcessBuilder("kill", "-TERM", String.valueOf(ProcessHandle.current().pid())).inheritIO().start();
        Thread.sleep(60_000);
        System.out.println("NOT TERMINATED");
    }
}
