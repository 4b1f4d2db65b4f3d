package io.graylane.core.node;

import java.util.Locale;

/** Durations as people write them: {@code 500ms}, {@code 30s}, {@code 2m}; a bare number means seconds. */
public final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException naming what was expected */
    public static long toMillis(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        long unit = 1000;
        String digits = t;
        if (t.endsWith("ms")) {
            unit = 1;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60000;
            digits = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(digits.trim());
            if (n >= 0 && n <= Long.MAX_VALUE / 60000) {
                return n * unit;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException("expected a duration such as 500ms, 30s or 2m, got '" + text + "'");
    }
}
