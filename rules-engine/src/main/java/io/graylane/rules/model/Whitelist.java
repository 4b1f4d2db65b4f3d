package io.graylane.rules.model;

import io.graylane.rules.AttributeSource;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A subject and the exact values that always hit (case-sensitive). Immutable. */
public final class Whitelist {
    private final String subject;
    private final Set<String> values;

    public Whitelist(String subject, List<String> values) {
        this.subject = subject;
        this.values = Collections.unmodifiableSet(new HashSet<>(values));
    }

    public boolean contains(AttributeSource attrs) {
        String v = attrs.get(subject);
        return v != null && values.contains(v);
    }

    public String subject() {
        return subject;
    }

    public Set<String> values() {
        return values;
    }
}
