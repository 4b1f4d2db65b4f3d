package io.graylane.core.node;

/** One framework's part of {@code /node}: its work in flight, whether it stopped taking work, its last failure. */
public final class FrameworkStatus {
    private final String framework;
    private final long inFlight;
    private final boolean stopped;
    private final String error;

    FrameworkStatus(String framework, long inFlight, boolean stopped, String error) {
        this.framework = framework;
        this.inFlight = inFlight;
        this.stopped = stopped;
        this.error = error;
    }

    public String framework() {
        return framework;
    }

    /** -1 when the framework could not tell. */
    public long inFlight() {
        return inFlight;
    }

    public boolean stopped() {
        return stopped;
    }

    /** The last stop/resume/count failure, null when none. */
    public String error() {
        return error;
    }
}
