package io.graylane.rules.model;

/** The value type a condition compares the attribute as. */
public enum ConditionType {
    /** Dotted numbers with optional prefix/suffix: {@code v5.2.0}, {@code 5.10.1-beta}. */
    VERSION,
    /** Text, case-sensitive unless {@code ignoreCase} is set. */
    STRING,
    /** Set membership: exact strings, integer ranges {@code 100-200}, IPv4/IPv6 addresses and CIDRs. */
    SEGMENT,
    /** Integers and decimals, compared exactly. */
    NUMBER
}
