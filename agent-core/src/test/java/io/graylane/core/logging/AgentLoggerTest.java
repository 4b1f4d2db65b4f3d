package io.graylane.core.logging;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentLoggerTest {
    @Test
    void timestampsMatchIsoUtc() {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] fixed = {0L, 951_782_400_000L, 1_798_761_599_999L, 4_102_444_800_000L};
        for (long t : fixed) {
            assertEquals(expected(t), AgentLogger.appendUtcTime(new StringBuilder(), t).toString());
        }
        for (int i = 0; i < 10_000; i++) {
            long t = rnd.nextLong(0, 7_258_118_400_000L);
            assertEquals(expected(t), AgentLogger.appendUtcTime(new StringBuilder(), t).toString());
        }
    }

    private static String expected(long t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(t));
    }
}
