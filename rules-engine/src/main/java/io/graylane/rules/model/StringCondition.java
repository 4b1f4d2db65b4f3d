package io.graylane.rules.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** STRING with EQ, NEQ, IN, NOT_IN, PREFIX, SUFFIX; case-sensitive unless {@code ignoreCase}. */
public final class StringCondition extends Condition {
    private final boolean ignoreCase;
    private final String[] values;
    private final Set<String> set; // case-sensitive IN/NOT_IN/EQ/NEQ

    public StringCondition(String subject, Predicate predicate, List<String> objects, boolean ignoreCase) {
        super(ConditionType.STRING, subject, predicate, objects);
        if (predicate == Predicate.REGEX || !Predicate.allowedFor(ConditionType.STRING).contains(predicate)) {
            throw new IllegalArgumentException(predicate + " is not a StringCondition predicate");
        }
        this.ignoreCase = ignoreCase;
        this.values = objects.toArray(new String[0]);
        this.set = ignoreCase ? null : new HashSet<>(objects);
    }

    @Override
    protected boolean test(String v) {
        switch (predicate()) {
            case EQ:
            case IN:
                return contains(v);
            case NEQ:
            case NOT_IN:
                return !contains(v);
            case PREFIX:
                for (String p : values) {
                    if (v.regionMatches(ignoreCase, 0, p, 0, p.length())) {
                        return true;
                    }
                }
                return false;
            case SUFFIX:
                for (String p : values) {
                    if (v.length() >= p.length()
                            && v.regionMatches(ignoreCase, v.length() - p.length(), p, 0, p.length())) {
                        return true;
                    }
                }
                return false;
            default:
                throw new AssertionError(predicate());
        }
    }

    private boolean contains(String v) {
        if (set != null) {
            return set.contains(v);
        }
        for (String x : values) {
            if (x.equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }

    public boolean ignoreCase() {
        return ignoreCase;
    }

    @Override
    protected String optionsText() {
        return ignoreCase ? " (ignoreCase)" : "";
    }
}
