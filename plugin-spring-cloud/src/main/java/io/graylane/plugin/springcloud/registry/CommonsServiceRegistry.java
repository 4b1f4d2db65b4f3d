package io.graylane.plugin.springcloud.registry;

import io.graylane.plugin.springcloud.DiscoveryRegistrations;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/** Typed helper: spring-cloud-commons' {@code ServiceRegistry#deregister/register(Registration)}. */
public final class CommonsServiceRegistry implements DiscoveryRegistrations {
    @Override
    @SuppressWarnings("unchecked")
    public void deregister(Object serviceRegistry, Object registration) {
        ((ServiceRegistry<Registration>) serviceRegistry).deregister((Registration) registration);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void register(Object serviceRegistry, Object registration) {
        ((ServiceRegistry<Registration>) serviceRegistry).register((Registration) registration);
    }
}
