package io.graylane.rules.model;

import com.google.re2j.Pattern;

import java.util.Collections;

/**
 * STRING REGEX: the whole attribute must match the pattern (use {@code .*} for a partial match).
 * RE2J runs in time linear in the input, so a hostile pattern cannot hang a request thread.
 * This is the one condition whose evaluation allocates (RE2J's matcher).
 */
public final class RegexCondition extends Condition {
    private final Pattern pattern;

    public RegexCondition(String subject, String regex, boolean ignoreCase) {
        super(ConditionType.STRING, subject, Predicate.REGEX, Collections.singletonList(regex));
        this.pattern = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    @Override
    protected boolean test(String v) {
        return pattern.matches(v);
    }

    @Override
    protected String optionsText() {
        return (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 ? " (ignoreCase)" : "";
    }
}
