package io.graylane.rules.model;

import io.graylane.rules.eval.Versions;

import java.util.List;

/**
 * VERSION with EQ, NEQ, IN, NOT_IN, GT, GTE, LT, LTE. Compares the first {@code segments} numeric
 * segments (0 = all; 1 = major only). See {@link Versions} for what a version is.
 */
public final class VersionCondition extends Condition {
    private final long[][] values;
    private final int segments;

    public VersionCondition(String subject, Predicate predicate, List<String> objects, long[][] values, int segments) {
        super(ConditionType.VERSION, subject, predicate, objects);
        this.values = new long[values.length][];
        for (int i = 0; i < values.length; i++) {
            this.values[i] = values[i].clone();
        }
        this.segments = segments;
    }

    @Override
    protected boolean test(String v) {
        Predicate p = predicate();
        if (p == Predicate.IN || p == Predicate.NOT_IN) {
            boolean found = false;
            for (long[] t : values) {
                int c = Versions.compare(v, t, segments);
                if (c == Versions.INVALID) {
                    return false;
                }
                if (c == 0) {
                    found = true;
                    break;
                }
            }
            return found != (p == Predicate.NOT_IN);
        }
        int c = Versions.compare(v, values[0], segments);
        return c != Versions.INVALID && p.acceptsComparison(c);
    }

    public int segments() {
        return segments;
    }

    @Override
    protected String optionsText() {
        return segments > 0 ? " (first " + segments + " segment" + (segments > 1 ? "s" : "") + ")" : "";
    }
}
