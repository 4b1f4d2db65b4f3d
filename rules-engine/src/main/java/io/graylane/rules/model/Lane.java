package io.graylane.rules.model;

/** A named lane (e.g. {@code gray}) with its toggle; lanes are tried in ascending priority. Immutable. */
public final class Lane {
    private final String name;
    private final int priority;
    private final Toggle toggle;

    public Lane(String name, int priority, Toggle toggle) {
        this.name = name;
        this.priority = priority;
        this.toggle = toggle;
    }

    public String name() {
        return name;
    }

    public int priority() {
        return priority;
    }

    public Toggle toggle() {
        return toggle;
    }
}
