package io.graylane.rules.source;

import java.util.function.BooleanSupplier;

/**
 * The pause between two attempts to reach a remote rule source: the back-off, cut short as soon as the client's own
 * connection comes back (goes from down to up), so that a returning server is picked up at once rather than after up
 * to a whole back-off.
 */
final class RetryPause {
    private final BooleanSupplier connected;
    private final BooleanSupplier closed;
    private final long stepMillis;

    RetryPause(BooleanSupplier connected, BooleanSupplier closed, long stepMillis) {
        this.connected = connected;
        this.closed = closed;
        this.stepMillis = Math.max(1, stepMillis);
    }

    /** Waits up to {@code millis}; false when closed or interrupted (stop retrying). */
    boolean await(long millis) {
        long end = System.currentTimeMillis() + millis;
        boolean wasUp = connected.getAsBoolean();
        try {
            while (!closed.getAsBoolean()) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return true;
                }
                Thread.sleep(Math.min(stepMillis, left));
                boolean nowUp = connected.getAsBoolean();
                if (nowUp && !wasUp) {
                    return !closed.getAsBoolean();
                }
                wasUp = nowUp;
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
