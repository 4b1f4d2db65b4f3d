package io.graylane.rules;

/**
 * Where a rule reads request attributes from. Implementations should return the attribute's value
 * or {@code null} when absent, without allocating, so that an evaluation allocates nothing.
 */
public interface AttributeSource {
    AttributeSource EMPTY = name -> null;

    String get(String name);
}
