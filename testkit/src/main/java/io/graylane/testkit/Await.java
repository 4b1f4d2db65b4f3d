package io.graylane.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; the last exception is kept for the message. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, System.nanoTime() + timeout.toNanos(), condition);
    }

    static void until(String what, long deadlineNanos, BooleanSupplier condition) {
        RuntimeException last = null;
        long pause = 20;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new TestkitException("timed out waiting for: " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"), last);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestkitException("interrupted waiting for: " + what, e);
            }
            pause = Math.min(200, pause * 2);
        }
    }
}
