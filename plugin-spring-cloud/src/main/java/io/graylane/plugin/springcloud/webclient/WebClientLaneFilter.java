package io.graylane.plugin.springcloud.webclient;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.bootstrap.http.ReactiveHttp;
import io.graylane.plugin.springcloud.WebClientLanes;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Typed helper for Spring WebFlux's WebClient (one per application class loader). A WebClient call's lane is captured
 * where the call is subscribed — the Reactor Context of a reactive caller (a WebFlux exchange), else the subscribing
 * thread's lane (a blocking caller) — by a filter put first among the client's filters, and kept in the request's
 * attributes ({@code ReactiveHttp.ATTRIBUTE}): the load balancer's filter (a {@code @LoadBalanced} WebClient) reads it
 * there, on whatever thread the instances arrive, and so does the exchange function, which sends the lane header
 * (signed for the instance the URL now names). The decision also goes into the exchange's Reactor Context, so that the
 * Reactor Netty client under the connector (instrumented on its own, for direct use) sends the same lane.
 */
public final class WebClientLaneFilter implements WebClientLanes, ExchangeFilterFunction {
    @Override
    public void addLaneFilter(Object builder) {
        if (!(builder instanceof WebClient.Builder)) {
            return;
        }
        final WebClientLaneFilter self = this;
        synchronized (builder) { // a shared builder may be built by many threads at once; its filter list is not safe
            ((WebClient.Builder) builder).filters(new Consumer<List<ExchangeFilterFunction>>() {
                @Override
                public void accept(List<ExchangeFilterFunction> filters) {
                    for (ExchangeFilterFunction f : filters) {
                        if (f instanceof WebClientLaneFilter) {
                            return;
                        }
                    }
                    filters.add(0, self);
                }
            });
        }
    }

    @Override
    public Mono<ClientResponse> filter(final ClientRequest request, final ExchangeFunction next) {
        if (request.attributes().containsKey(ReactiveHttp.ATTRIBUTE)) {
            return next.exchange(request);
        }
        final LaneSnapshot threadLane = LaneContext.current();
        return Mono.deferContextual(new Function<ContextView, Mono<ClientResponse>>() {
            @Override
            public Mono<ClientResponse> apply(ContextView context) {
                Object lane = context.hasKey(ReactiveHttp.ATTRIBUTE) ? context.get(ReactiveHttp.ATTRIBUTE) : null;
                if (ReactiveHttp.laneOf(lane) == null) {
                    lane = threadLane == null ? ReactiveHttp.BASELINE : threadLane;
                }
                // the same decision in the Reactor Context, where the Reactor Netty client under WebClient reads it
                return next.exchange(ClientRequest.from(request).attribute(ReactiveHttp.ATTRIBUTE, lane).build())
                        .contextWrite(Context.of(ReactiveHttp.ATTRIBUTE, lane));
            }
        });
    }

    @Override
    public Object withLaneHeader(Object r) {
        if (!(r instanceof ClientRequest)) {
            return r;
        }
        final ClientRequest request = (ClientRequest) r;
        String lane = ReactiveHttp.laneOf(request.attributes().get(ReactiveHttp.ATTRIBUTE));
        if (lane == null) {
            lane = LaneContext.currentLane(); // a client built before the agent started: the sending thread's lane
        }
        final String sent = lane == null || lane.isEmpty() ? null : lane;
        return ClientRequest.from(request).headers(new Consumer<HttpHeaders>() {
            @Override
            public void accept(final HttpHeaders headers) {
                OutboundHttp.applyLane(sent, new OutboundHttp.Headers() {
                    @Override
                    public String get(String name) {
                        return headers.getFirst(name);
                    }

                    @Override
                    public void set(String name, String value) {
                        headers.set(name, value);
                    }

                    @Override
                    public void remove(String name) {
                        headers.remove(name);
                    }

                    @Override
                    public String[] target() {
                        URI url = request.url();
                        return new String[] {url.getHost(), request.method().name(), url.getRawPath()};
                    }
                }, false);
            }
        }).build();
    }
}
