package io.graylane.e2e.dubbo.apps;

/** Hop B of the chain. Returns the trail of instances that served the call, e.g. {@code A-gray[gray]>B-base[gray]>C-gray[gray]}. */
public interface ServiceB {
    String call(String id);
}
