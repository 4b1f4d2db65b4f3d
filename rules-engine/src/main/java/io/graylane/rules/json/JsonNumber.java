package io.graylane.rules.json;

import java.math.BigDecimal;

/** A JSON number kept as its literal text, so that {@code 2.30} stays {@code 2.30}. Immutable. */
public final class JsonNumber {
    private final String text;

    public JsonNumber(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public BigDecimal toBigDecimal() {
        return new BigDecimal(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber && toBigDecimal().compareTo(((JsonNumber) o).toBigDecimal()) == 0;
    }

    @Override
    public int hashCode() {
        return toBigDecimal().stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
