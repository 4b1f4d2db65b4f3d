package io.graylane.plugin.springcloud.lb;

import io.graylane.plugin.springcloud.DiscoveryView;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Spring Cloud LoadBalancer's instance cache ({@code CachingServiceInstanceListSupplier}, 35 s by default) without its
 * staleness, for services the Nacos naming client in this JVM tracks: while the client's view of the service
 * ({@link DiscoveryView}) has not changed, the instances read at its current version are reused; once it changed (a
 * node was taken offline and deregistered, a new one registered), they are read again from the supplier under the
 * cache. A node going offline is thus dropped by its callers as soon as the Nacos push arrives, not up to 35 s later.
 * A service the naming client does not track, and every supplier not built with the cache, are left as they are. A
 * list read more than {@link #MAX_AGE_MILLIS} ago is read again (a push missed is not kept forever).
 */
final class FreshInstances {
    static final long MAX_AGE_MILLIS = 30_000;

    private final ServiceInstanceListSupplier cached;
    /** The supplier under the cache, or null when {@link #cached} is not Spring Cloud LoadBalancer's cache. */
    private final ServiceInstanceListSupplier uncached;
    private volatile Snapshot last;

    /** Instances read at one version of the naming client's view. */
    private static final class Snapshot {
        final long version;
        final long readNanos;
        final List<ServiceInstance> instances;

        Snapshot(long version, List<ServiceInstance> instances) {
            this.version = version;
            this.readNanos = System.nanoTime();
            this.instances = instances;
        }
    }

    FreshInstances(ServiceInstanceListSupplier supplier) {
        cached = supplier;
        uncached = supplier instanceof CachingServiceInstanceListSupplier
                ? ((CachingServiceInstanceListSupplier) supplier).getDelegate() : null;
    }

    /** The instances: the cache's while the naming client does not track the service, else current ones. */
    Flux<List<ServiceInstance>> get(Flux<List<ServiceInstance>> fromCache) {
        final long version = uncached == null ? -1 : DiscoveryView.version(cached.getServiceId());
        if (version < 0) {
            return fromCache;
        }
        Snapshot s = last;
        if (s != null && s.version == version
                && System.nanoTime() - s.readNanos < TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS)) {
            return Flux.just(s.instances);
        }
        return uncached.get().take(1).doOnNext(new Consumer<List<ServiceInstance>>() {
            @Override
            public void accept(List<ServiceInstance> instances) {
                last = new Snapshot(version, instances);
            }
        }).onErrorResume(new Function<Throwable, Flux<List<ServiceInstance>>>() {
            @Override
            public Flux<List<ServiceInstance>> apply(Throwable t) {
                return fromCache;
            }
        });
    }
}
