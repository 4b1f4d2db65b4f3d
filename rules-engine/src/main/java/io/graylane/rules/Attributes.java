package io.graylane.rules;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Adapters from common shapes to {@link AttributeSource}. */
public final class Attributes {
    private Attributes() {
    }

    /**
     * Views a map as an attribute source. String values are returned as they are; other non-null
     * values through {@code toString()} (which may allocate).
     */
    public static AttributeSource of(final Map<String, ?> map) {
        if (map == null) {
            return AttributeSource.EMPTY;
        }
        return new MapAttributeSource(map);
    }

    /** {@code of("userId", "42", "region", "eu")}. */
    public static AttributeSource of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key/value pairs, got an odd number of arguments");
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return new MapAttributeSource(Collections.unmodifiableMap(m));
    }

    static final class MapAttributeSource implements AttributeSource {
        private final Map<String, ?> map;

        MapAttributeSource(Map<String, ?> map) {
            this.map = map;
        }

        @Override
        public String get(String name) {
            Object v = map.get(name);
            if (v == null || v instanceof String) {
                return (String) v;
            }
            return v.toString();
        }

        @Override
        public String toString() {
            return map.toString();
        }
    }
}
