package io.graylane.plugin.springcloud.lb;

import io.graylane.bootstrap.LaneContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.function.Function;

/**
 * The application's instance supplier, narrowed to the instances of the calling request's lane ({@link
 * InstanceChoice}). The lane is read when the load balancer asks for instances: {@code choose(request)} calls
 * {@code get(request)} on the calling thread (blocking RestTemplate and OpenFeign; WebClient when the exchange is
 * subscribed), so the instances arriving later, on whatever thread, are filtered for that request's lane.
 */
final class LaneInstanceListSupplier implements ServiceInstanceListSupplier {
    private final ServiceInstanceListSupplier delegate;

    LaneInstanceListSupplier(ServiceInstanceListSupplier delegate) {
        this.delegate = delegate;
    }

    @Override
    public String getServiceId() {
        return delegate.getServiceId();
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().map(forLane(LaneContext.currentLane()));
    }

    @SuppressWarnings("rawtypes")
    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        return delegate.get(request).map(forLane(LaneContext.currentLane()));
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
