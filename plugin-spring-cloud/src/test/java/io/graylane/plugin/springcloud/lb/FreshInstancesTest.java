package io.graylane.plugin.springcloud.lb;

import io.graylane.plugin.springcloud.DiscoveryView;
import org.junit.jupiter.api.Test;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spring Cloud LoadBalancer's real instance cache (here one that never expires, as a 35 s TTL looks within a release)
 * under the lane-aware supplier: once the Nacos naming client's view of the service changed, the instances are read
 * again under the cache; while it has not, and for services the naming client does not track, the cache answers.
 */
class FreshInstancesTest {
    static final AtomicInteger SERVICES = new AtomicInteger();

    final String service = "fresh-svc-" + SERVICES.incrementAndGet();
    final ServiceInstance b1 = new DefaultServiceInstance("b1", service, "127.0.0.1", 1, false, Map.of());
    final ServiceInstance b2 = new DefaultServiceInstance("b2", service, "127.0.0.1", 2, false, Map.of());
    final ServiceInstance b3 = new DefaultServiceInstance("b3", service, "127.0.0.1", 3, false, Map.of());
    final AtomicReference<List<ServiceInstance>> registry = new AtomicReference<>(List.of(b1, b2));
    final AtomicInteger discoveryReads = new AtomicInteger();
    final LaneInstanceListSupplier supplier = new LaneInstanceListSupplier(new CachingServiceInstanceListSupplier(
            new ServiceInstanceListSupplier() {
                @Override
                public String getServiceId() {
                    return service;
                }

                @Override
                public Flux<List<ServiceInstance>> get() {
                    return Flux.defer(() -> {
                        discoveryReads.incrementAndGet();
                        return Flux.just(registry.get());
                    });
                }
            }, new ConcurrentMapCacheManager()));

    List<ServiceInstance> choose() {
        return supplier.get().blockFirst();
    }

    @Test
    void anInstanceThatLeftDiscoveryIsNotChosenOnceTheNamingClientSawIt() {
        assertEquals(List.of(b1, b2), choose());
        registry.set(List.of(b2)); // b1 deregistered (node offline)
        assertEquals(List.of(b1, b2), choose(), "the naming client has not seen it: the cache answers");
        DiscoveryView.update("DEFAULT_GROUP", service, Set.of("b2"));
        assertEquals(List.of(b2), choose());
        registry.set(List.of(b2, b3)); // a new node registered
        DiscoveryView.update("DEFAULT_GROUP", service, Set.of("b2", "b3"));
        assertEquals(List.of(b2, b3), choose());
    }

    @Test
    void whileTheViewIsUnchangedTheInstancesAreNotReadAgain() {
        DiscoveryView.update("DEFAULT_GROUP", service, Set.of("b1", "b2"));
        choose();
        int reads = discoveryReads.get();
        for (int i = 0; i < 10; i++) {
            assertEquals(List.of(b1, b2), choose());
        }
        assertEquals(reads, discoveryReads.get());
        DiscoveryView.update("DEFAULT_GROUP", service, Set.of("b1", "b2"));
        choose();
        assertEquals(reads, discoveryReads.get(), "the same instances again are no change");
    }
}
