package io.graylane.rules.model;

import java.util.EnumSet;
import java.util.Set;

/** What a condition checks. Each predicate is allowed only on the types where it means something. */
public enum Predicate {
    EQ(1, 1), NEQ(1, 1), IN(1, Integer.MAX_VALUE), NOT_IN(1, Integer.MAX_VALUE),
    GT(1, 1), GTE(1, 1), LT(1, 1), LTE(1, 1),
    REGEX(1, 1), PREFIX(1, Integer.MAX_VALUE), SUFFIX(1, Integer.MAX_VALUE);

    private final int minObjects;
    private final int maxObjects;

    Predicate(int minObjects, int maxObjects) {
        this.minObjects = minObjects;
        this.maxObjects = maxObjects;
    }

    public int minObjects() {
        return minObjects;
    }

    public int maxObjects() {
        return maxObjects;
    }

    /** The predicates allowed for a type. */
    public static Set<Predicate> allowedFor(ConditionType type) {
        switch (type) {
            case STRING:
                return EnumSet.of(EQ, NEQ, IN, NOT_IN, REGEX, PREFIX, SUFFIX);
            case NUMBER:
            case VERSION:
                return EnumSet.of(EQ, NEQ, IN, NOT_IN, GT, GTE, LT, LTE);
            case SEGMENT:
                return EnumSet.of(IN, NOT_IN);
            default:
                throw new AssertionError(type);
        }
    }

    /** For ordering predicates: does a comparison result satisfy this predicate? */
    boolean acceptsComparison(int cmp) {
        switch (this) {
            case EQ:
            case IN:
                return cmp == 0;
            case NEQ:
            case NOT_IN:
                return cmp != 0;
            case GT:
                return cmp > 0;
            case GTE:
                return cmp >= 0;
            case LT:
                return cmp < 0;
            case LTE:
                return cmp <= 0;
            default:
                throw new AssertionError(this);
        }
    }

    boolean negated() {
        return this == NEQ || this == NOT_IN;
    }
}
