package io.graylane.e2e.dubbo.apps;

/** Hop B of the chain. Returns the trail of instances that served the call, e.g. {@code A-gray[gray]>B-base[gray]>C-gray[gray]}. */
public interface ServiceB {
    String call(String id);

    /** The same as {@link #call}, as a CompletableFuture-returning method (Dubbo async). */
    java.util.concurrent.CompletableFuture<String> callAsync(String id);
}
