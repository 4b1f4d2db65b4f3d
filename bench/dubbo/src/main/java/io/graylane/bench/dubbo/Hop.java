package io.graylane.bench.dubbo;

/** One hop of the benchmark chain: returns the payload with each hop's letter appended. */
public interface Hop {
    String call(String payload);
}
