package io.graylane.plugin.springcloud.lb;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.ReactiveHttp;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where the supplier finds a call's lane: the load balancer request's attributes (a gateway exchange, a WebClient
 * request), else the Reactor Context of the subscriber, else the thread that asked for the instances.
 */
class LaneInstanceListSupplierTest {
    static final ServiceInstance BASE = new DefaultServiceInstance("base", "svc", "127.0.0.1", 1, false, Map.of());
    static final ServiceInstance GRAY = new DefaultServiceInstance("gray", "svc", "127.0.0.1", 2, false,
            Map.of("graylane.lane", "gray"));
    static final LaneSnapshot GRAY_LANE = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_RULE);

    final LaneInstanceListSupplier supplier = new LaneInstanceListSupplier(new ServiceInstanceListSupplier() {
        @Override
        public String getServiceId() {
            return "svc";
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return Flux.just(List.of(BASE, GRAY));
        }
    });

    static Request<RequestDataContext> request(Map<String, Object> attributes) {
        return new DefaultRequest<>(new RequestDataContext(new RequestData(HttpMethod.GET, URI.create("http://svc/x"),
                new HttpHeaders(), new LinkedMultiValueMap<>(), attributes)));
    }

    @Test
    void theLaneInTheRequestsAttributesChoosesOnAnyThread() {
        List<ServiceInstance> chosen = supplier.get(request(Map.of(ReactiveHttp.ATTRIBUTE, GRAY_LANE)))
                .subscribeOn(Schedulers.boundedElastic()).blockFirst();
        assertEquals(List.of(GRAY), chosen);
    }

    @Test
    void baselineDecidedInTheAttributesWinsOverTheThreadsLane() {
        List<ServiceInstance> chosen;
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY_LANE)) {
            chosen = supplier.get(request(Map.of(ReactiveHttp.ATTRIBUTE, ReactiveHttp.BASELINE))).blockFirst();
        }
        assertEquals(List.of(BASE), chosen);
    }

    @Test
    void withoutAttributesTheReactorContextOfTheSubscriberDecides() {
        List<ServiceInstance> chosen = supplier.get(request(new HashMap<>()))
                .subscribeOn(Schedulers.boundedElastic())
                .contextWrite(Context.of(ReactiveHttp.ATTRIBUTE, GRAY_LANE)).blockFirst();
        assertEquals(List.of(GRAY), chosen);
    }

    @Test
    void aBlockingCallersLaneIsTheThreadsWhenItAsksForInstances() {
        Flux<List<ServiceInstance>> instances;
        try (LaneContext.Scope ignored = LaneContext.enter(GRAY_LANE)) {
            instances = supplier.get(request(new HashMap<>()));
        }
        assertEquals(List.of(GRAY), instances.subscribeOn(Schedulers.boundedElastic()).blockFirst());
        assertEquals(List.of(BASE), supplier.get(request(new HashMap<>())).blockFirst(), "no lane: baseline only");
    }
}
