package io.graylane.rules.model;

import io.graylane.rules.AttributeSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A rule: the AND of its conditions (a rule with no conditions matches everyone). Immutable. */
public final class Rule {
    private final Condition[] conditions;

    public Rule(List<Condition> conditions) {
        this.conditions = conditions.toArray(new Condition[0]);
    }

    public boolean matches(AttributeSource attrs) {
        for (Condition c : conditions) {
            if (!c.matches(attrs)) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first condition that does not match, or -1 when the rule matches. */
    public int firstFailing(AttributeSource attrs) {
        for (int i = 0; i < conditions.length; i++) {
            if (!conditions[i].matches(attrs)) {
                return i;
            }
        }
        return -1;
    }

    public List<Condition> conditions() {
        return Collections.unmodifiableList(Arrays.asList(conditions));
    }
}
