package io.graylane.bootstrap.metrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** A monotonically increasing count. Cheap to increment from any thread. */
public final class Counter {
    private final String name;
    private final String labels;
    private final LongAdder value = new LongAdder();
    private final LongSupplier source;

    Counter(String name, String labels) {
        this(name, labels, null);
    }

    /** A counter whose value is read from {@code source} (a count kept elsewhere); inc/add do nothing. */
    Counter(String name, String labels, LongSupplier source) {
        this.name = name;
        this.labels = labels;
        this.source = source;
    }

    public void inc() {
        value.increment();
    }

    public void add(long n) {
        value.add(n);
    }

    public long get() {
        if (source != null) {
            try {
                return source.getAsLong();
            } catch (RuntimeException e) {
                return 0;
            }
        }
        return value.sum();
    }

    public String name() {
        return name;
    }

    /** Prometheus label text without braces, e.g. {@code lane="gray",reason="rule"}; empty when none. */
    public String labels() {
        return labels;
    }
}
