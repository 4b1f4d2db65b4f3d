package io.graylane.e2e.lts.dubbo;

/** The Dubbo service a job calls: answers the name of the provider instance that served the call. */
public interface ServedBy {
    String name(String caller);
}
