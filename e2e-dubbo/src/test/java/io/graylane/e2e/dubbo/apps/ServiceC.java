package io.graylane.e2e.dubbo.apps;

/** Hop C of the chain. Returns the trail of instances that served the call, e.g. {@code A-gray[gray]>B-base[gray]>C-gray[gray]}. */
public interface ServiceC {
    String call(String id);
}
