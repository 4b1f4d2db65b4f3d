package io.graylane.rules.model;

import io.graylane.rules.eval.Decimal;

import java.util.List;

/**
 * NUMBER with EQ, NEQ, IN, NOT_IN, GT, GTE, LT, LTE, compared exactly as decimals
 * ({@code 3 == 3.0}, {@code 0.1 + nothing lost}). The attribute must be plain decimal text.
 */
public final class NumberCondition extends Condition {
    private final Decimal[] values;

    public NumberCondition(String subject, Predicate predicate, List<String> objects, Decimal[] values) {
        super(ConditionType.NUMBER, subject, predicate, objects);
        this.values = values.clone();
    }

    @Override
    protected boolean test(String v) {
        Predicate p = predicate();
        if (p == Predicate.IN || p == Predicate.NOT_IN) {
            boolean found = false;
            for (Decimal d : values) {
                int c = d.compareText(v);
                if (c == Decimal.INVALID) {
                    return false;
                }
                if (c == 0) {
                    found = true;
                    break;
                }
            }
            return found != (p == Predicate.NOT_IN);
        }
        int c = values[0].compareText(v);
        return c != Decimal.INVALID && p.acceptsComparison(c);
    }
}
