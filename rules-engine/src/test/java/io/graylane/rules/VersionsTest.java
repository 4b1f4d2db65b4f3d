package io.graylane.rules;

import io.graylane.rules.eval.Versions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VersionsTest {

    @ParameterizedTest(name = "{0} vs {1} over {2} segments -> {3}")
    @CsvSource({
            "1.10, 1.9, 0, 1",
            "1.9, 1.10, 0, -1",
            "5.10, 5.9, 0, 1",
            "5.10, 5.10.0, 0, 0",
            "5.10.0.0, 5.10, 0, 0",
            "5.10.1, 5.10, 0, 1",
            "5, 5.0.1, 0, -1",
            "v5.2.0, 5.2, 0, 0",
            "V5.2.1, v5.2.0, 0, 1",
            "release-5.2.1, 5.2.1, 0, 0",
            "5.10.1-beta, 5.10.1, 0, 0",
            "5.10.1+build.9, 5.10.1, 0, 0",
            "5.10.1-rc.2, 5.10.2, 0, -1",
            "2.3.0, 2.3.0, 0, 0",
            "10.0, 9.99.99, 0, 1",
            "5.9.9, 5.1, 1, 0",
            "6.0, 5.99, 1, 1",
            "5.9.9, 5.1, 2, 1",
            "5.1.9, 5.1.2, 2, 0",
            "007.01, 7.1, 0, 0",
            "1..2, 1, 0, 0",
            "1.x.3, 1, 0, 0",
            "999999999999999999, 1, 0, 1",
    })
    void compares(String a, String b, int segments, int expected) {
        assertEquals(expected, Integer.signum(Versions.compare(a, b, segments)));
    }

    @Test
    void notVersions() {
        assertEquals(Versions.INVALID, Versions.compare("latest", "1.0", 0));
        assertEquals(Versions.INVALID, Versions.compare("", "1.0", 0));
        assertEquals(Versions.INVALID, Versions.compare("1.0000000000000000000", "1.0", 0), "segment over 18 digits");
        assertEquals(Versions.INVALID, Versions.compare("1.2.3.4.0000000000000000000", "1", 2),
                "the whole version is checked even beyond the compared segments");
        assertNull(Versions.parse("beta"));
        assertNull(Versions.parse("1234567890123456789"));
    }

    @Test
    void parses() {
        assertArrayEquals(new long[] {5, 10, 1}, Versions.parse("v5.10.1-beta"));
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, Versions.parse("1.2.3.4.5.6.7.8.9.10"));
        assertArrayEquals(new long[] {2}, Versions.parse("2."));
    }
}
