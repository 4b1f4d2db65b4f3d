package io.graylane.bench.node;

/** The node's Dubbo service: exported by {@link GreeterService}, called back through a remote reference. */
public interface Greeter {
    String greet(String name);
}
