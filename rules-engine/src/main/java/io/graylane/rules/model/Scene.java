package io.graylane.rules.model;

/** A business scene: a toggle, an optional experiment split and configuration values. Immutable. */
public final class Scene {
    private final String name;
    private final Toggle toggle;
    private final Experiment experiment; // may be null
    private final ConfigValues config;

    public Scene(String name, Toggle toggle, Experiment experiment, ConfigValues config) {
        this.name = name;
        this.toggle = toggle;
        this.experiment = experiment;
        this.config = config;
    }

    public String name() {
        return name;
    }

    public Toggle toggle() {
        return toggle;
    }

    /** The experiment split, or null. */
    public Experiment experiment() {
        return experiment;
    }

    public ConfigValues config() {
        return config;
    }
}
