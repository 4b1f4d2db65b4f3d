package io.graylane.bootstrap;

import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;

/**
 * What woven advice (which can only see bootstrap classes) needs from the agent core, which lives in the agent's own
 * class loader: a place to report a Throwable that advice suppressed. The core installs its {@link Sink} at start-up.
 */
public final class AgentBridge {
    /** Implemented by the agent core. */
    public interface Sink {
        void adviceFailed(String where, Throwable error);
    }

    private static final Counter ADVICE_ERRORS = MetricRegistry.counter("graylane_advice_errors_total",
            "Throwables raised inside graylane advice and suppressed so the application call continued");
    private static volatile Sink sink;

    private AgentBridge() {
    }

    public static void install(Sink s) {
        sink = s;
    }

    /**
     * Called from the exception handler of every advice: counts the error and passes it to the core's logger. Never
     * throws.
     */
    public static void adviceFailed(Throwable error) {
        try {
            ADVICE_ERRORS.inc();
            Sink s = sink;
            if (s != null) {
                s.adviceFailed(null, error);
            }
        } catch (Throwable ignored) {
            // the host comes first
        }
    }
}
