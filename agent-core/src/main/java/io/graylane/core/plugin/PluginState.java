package io.graylane.core.plugin;

/** A plugin's life at run time. Once {@link #disable}d it matches no further classes. */
public final class PluginState {
    public enum Status { ACTIVE, DISABLED_BY_CONFIG, FAILED }

    private final GraylanePlugin plugin;
    private final String origin;
    private volatile Status status;
    private volatile String reason;
    private volatile int transformedTypes;

    public PluginState(GraylanePlugin plugin, String origin, Status status, String reason) {
        this.plugin = plugin;
        this.origin = origin;
        this.status = status;
        this.reason = reason;
    }

    public GraylanePlugin plugin() {
        return plugin;
    }

    public String name() {
        return plugin.name();
    }

    /** "built-in" or the extension jar it came from. */
    public String origin() {
        return origin;
    }

    public Status status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    /** @return true when this call disabled it (so the caller logs once) */
    public synchronized boolean disable(String why) {
        if (status != Status.ACTIVE) {
            return false;
        }
        status = Status.FAILED;
        reason = why;
        return true;
    }

    public synchronized void transformed() {
        transformedTypes++;
    }

    public int transformedTypes() {
        return transformedTypes;
    }
}
