package io.graylane.testkit.child;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Child side of the testkit process protocol (shared by every launcher, compiled into each).
 *
 * <ul>
 *   <li>stdout belongs to the protocol: {@code @@ready k=v ...}, {@code @@failed msg},
 *       {@code @@resp id ok|err payload}. Anything the server prints to System.out goes to stderr,
 *       which the parent redirects to {@code console.log} in the run directory.</li>
 *   <li>stdin is the lifeline: each line is a command {@code id cmd args...}; EOF (the parent closed
 *       it, or died) stops the server and exits, so a child never outlives its parent.</li>
 * </ul>
 */
public final class Child {

    /** Handles one command; returns the single-line payload of the reply. */
    public interface Commands {
        String handle(String cmd, String[] args) throws Exception;
    }

    private static PrintStream proto;
    private static volatile Commands commands;
    private static volatile Runnable stopAction;
    private static volatile long stopBudgetMillis = 5000;

    private Child() {
    }

    /** Takes stdout for the protocol and starts watching stdin. Call first thing in main. */
    public static synchronized void init() {
        if (proto != null) {
            return;
        }
        proto = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        // not a daemon: keeps a JVM whose server threads are all daemons (a client) alive until EOF
        Thread t = new Thread(Child::readStdin, "testkit-stdin-watch");
        t.setDaemon(false);
        t.start();
    }

    public static void onStop(Runnable action, long budgetMillis) {
        stopAction = action;
        stopBudgetMillis = budgetMillis;
    }

    public static void ready(Map<String, String> info, Commands handler) {
        commands = handler;
        StringBuilder sb = new StringBuilder("@@ready");
        info.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        send(sb.toString());
    }

    /** An asynchronous notification: {@code @@event payload}. */
    public static void event(String payload) {
        send("@@event " + oneLine(payload));
    }

    public static void fail(Throwable t) {
        t.printStackTrace();
        System.err.flush();
        send("@@failed " + oneLine(String.valueOf(t)));
        Runtime.getRuntime().halt(1);
    }

    private static synchronized void send(String line) {
        proto.println(line);
        proto.flush();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
    }

    private static void readStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length < 2) {
                    continue;
                }
                String id = parts[0];
                String cmd = parts[1];
                String[] args = new String[parts.length - 2];
                System.arraycopy(parts, 2, args, 0, args.length);
                Thread worker = new Thread(() -> {
                    Commands c = commands;
                    try {
                        if (c == null) {
                            throw new IllegalStateException("server not ready");
                        }
                        send("@@resp " + id + " ok " + oneLine(c.handle(cmd, args)));
                    } catch (Throwable e) {
                        send("@@resp " + id + " err " + oneLine(String.valueOf(e)));
                    }
                }, "testkit-cmd-" + id);
                worker.setDaemon(true);
                worker.start();
            }
        } catch (Throwable ignored) {
            // treated as EOF
        }
        stopAndExit();
    }

    private static void stopAndExit() {
        Runnable action = stopAction;
        if (action != null) {
            Thread stopper = new Thread(() -> {
                try {
                    action.run();
                } catch (Throwable ignored) {
                    // exiting anyway
                }
            }, "testkit-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(TimeUnit.MILLISECONDS.toMillis(stopBudgetMillis));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
        System.err.println("[testkit] stdin closed: exiting");
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }
}
