package io.graylane.e2e.dubbo.apps;

/** Hop A of the chain. Returns the trail of instances that served the call, e.g. {@code A-gray[gray]>B-base[gray]>C-gray[gray]}. */
public interface ServiceA {
    String call(String id);

    /** Calls B asynchronously; the continuation of B's future makes one more call to B. */
    String callAsync(String id);
}
