package io.graylane.rules.source;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pause between attempts to reach Nacos: why a returning server used to wait out up to 30 s of back-off. */
class RetryPauseTest {
    @Test
    void endsWhenTheConnectionComesBackNotAfterTheBackOff() {
        AtomicInteger checks = new AtomicInteger();
        RetryPause pause = new RetryPause(() -> checks.incrementAndGet() > 3, () -> false, 10);
        long start = System.nanoTime();
        assertTrue(pause.await(20_000));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(4, checks.get(), "over at the first check that sees the connection up");
        assertTrue(tookMillis < 20_000, "ended before the back-off: " + tookMillis + " ms");
    }

    @Test
    void aConnectionThatStaysUpDoesNotEndThePause() {
        // the server answers but refuses (e.g. no permission): retrying at once would hammer it
        AtomicInteger checks = new AtomicInteger();
        RetryPause pause = new RetryPause(() -> checks.incrementAndGet() > 0, () -> false, 10);
        assertTrue(pause.await(200));
        assertTrue(checks.get() > 5, "checked all along: " + checks.get());
    }

    @Test
    void closingEndsThePause() {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicInteger checks = new AtomicInteger();
        RetryPause pause = new RetryPause(() -> {
            if (checks.incrementAndGet() == 3) {
                closed.set(true);
            }
            return false;
        }, closed::get, 10);
        assertFalse(pause.await(20_000));
    }
}
