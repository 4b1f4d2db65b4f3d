package io.graylane.rules.model;

import io.graylane.rules.AttributeSource;

import java.util.List;

/**
 * One compiled condition: {@code subject predicate objects} under a type. Immutable.
 *
 * <p>An absent attribute, or one that cannot be read as the condition's type (e.g. {@code "abc"}
 * for NUMBER), matches no predicate — not even NEQ or NOT_IN (like SQL NULL).
 */
public abstract class Condition {
    private final ConditionType type;
    private final String subject;
    private final Predicate predicate;
    private final List<String> objects;

    protected Condition(ConditionType type, String subject, Predicate predicate, List<String> objects) {
        this.type = type;
        this.subject = subject;
        this.predicate = predicate;
        this.objects = objects;
    }

    public final boolean matches(AttributeSource attrs) {
        String v = attrs.get(subject);
        return v != null && test(v);
    }

    /** Tests a present attribute value. Must not allocate on the common path. */
    protected abstract boolean test(String value);

    public ConditionType type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public Predicate predicate() {
        return predicate;
    }

    /** The objects as written (normalised to text). */
    public List<String> objects() {
        return objects;
    }

    /** Extra options for display, e.g. {@code " ignoreCase"}. */
    protected String optionsText() {
        return "";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(subject).append(' ').append(type).append(' ').append(predicate).append(' ');
        if (objects.size() == 1 && predicate.maxObjects() == 1) {
            sb.append(objects.get(0));
        } else {
            sb.append(objects);
        }
        return sb.append(optionsText()).toString();
    }
}
