package io.graylane.plugin.springcloud.lb;

import io.graylane.bootstrap.LaneContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.util.context.ContextView;

import java.util.List;
import java.util.function.Function;

/**
 * The application's instance supplier, narrowed to the instances of the calling request's lane ({@link
 * InstanceChoice}). The lane is, in this order: the one the load balancer's request carries in its attributes (a Spring
 * Cloud Gateway exchange, a WebClient request), the one in the Reactor Context of the reactive chain that subscribes,
 * or the calling thread's when the load balancer asks for instances ({@code choose(request)} calls
 * {@code get(request)} on the calling thread for blocking RestTemplate and OpenFeign). The instances arriving later,
 * on whatever thread, are filtered for that lane. They are the cache's, or current ones when the cache is behind the
 * Nacos naming client ({@link FreshInstances}).
 */
final class LaneInstanceListSupplier implements ServiceInstanceListSupplier {
    private final ServiceInstanceListSupplier delegate;
    private final FreshInstances fresh;

    LaneInstanceListSupplier(ServiceInstanceListSupplier delegate) {
        this.delegate = delegate;
        this.fresh = new FreshInstances(delegate);
    }

    @Override
    public String getServiceId() {
        return delegate.getServiceId();
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return inLane(fresh.get(delegate.get()), null);
    }

    @SuppressWarnings("rawtypes")
    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        return inLane(fresh.get(delegate.get(request)), RequestLanes.attributeLane(request));
    }

    /**
     * {@code instances} filtered for the call's lane: the one its request carries ({@code requestLane}, "" = baseline),
     * else the one in the Reactor Context of the subscriber (a reactive exchange), else the calling thread's.
     */
    private Flux<List<ServiceInstance>> inLane(final Flux<List<ServiceInstance>> instances, final String requestLane) {
        final String threadLane = LaneContext.currentLane();
        return Flux.deferContextual(new Function<ContextView, Flux<List<ServiceInstance>>>() {
            @Override
            public Flux<List<ServiceInstance>> apply(ContextView context) {
                String lane = requestLane != null ? requestLane : RequestLanes.contextLane(context, threadLane);
                return instances.map(forLane(lane == null || lane.isEmpty() ? null : lane));
            }
        });
    }

    private Function<List<ServiceInstance>, List<ServiceInstance>> forLane(final String lane) {
        final String service = delegate.getServiceId();
        return new Function<List<ServiceInstance>, List<ServiceInstance>>() {
            @Override
            public List<ServiceInstance> apply(List<ServiceInstance> instances) {
                return InstanceChoice.choose(service, instances, lane);
            }
        };
    }

    @Override
    public String toString() {
        return "graylane(" + delegate + ")";
    }
}
