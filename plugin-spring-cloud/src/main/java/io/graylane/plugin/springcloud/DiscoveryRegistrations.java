package io.graylane.plugin.springcloud;

/**
 * Takes a Spring Cloud service registration out of its registry and puts it back (typed helper per application
 * class loader, against spring-cloud-commons' {@code ServiceRegistry}).
 */
public interface DiscoveryRegistrations {
    void deregister(Object serviceRegistry, Object registration);

    void register(Object serviceRegistry, Object registration);
}
