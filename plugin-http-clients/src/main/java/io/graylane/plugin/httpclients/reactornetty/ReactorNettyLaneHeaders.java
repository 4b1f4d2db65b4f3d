package io.graylane.plugin.httpclients.reactornetty;

import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.bootstrap.http.ReactiveHttp;
import io.graylane.plugin.httpclients.ReactorNettyLanes;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.CoreSubscriber;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientState;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.net.URI;

/**
 * Typed helper for Reactor Netty's HTTP client (one per application class loader), compiled against reactor-netty-http
 * 1.0.39 and reactor-core 3.4 (the oldest supported, Spring Boot 2.7's) and using only API that 1.3 kept. At
 * subscription a request whose Reactor Context says nothing about its lane gets the subscribing thread's lane there
 * ({@link LaneSubscriber}); a context that already says (a WebFlux exchange, a WebClient call, a gateway route) is left
 * as it is. When the request's headers are final ({@code REQUEST_PREPARED}) the lane header follows the context: set
 * (and signed for the URL's host, the method and the raw path) in a lane, removed on baseline.
 */
public final class ReactorNettyLaneHeaders implements ReactorNettyLanes {
    @Override
    @SuppressWarnings("unchecked")
    public Object subscriber(Object actual, LaneSnapshot lane) {
        if (lane == null || !(actual instanceof CoreSubscriber)) {
            return actual;
        }
        CoreSubscriber<Object> subscriber = (CoreSubscriber<Object>) actual;
        Context context = subscriber.currentContext();
        if (context.hasKey(ReactiveHttp.ATTRIBUTE)) {
            return actual;
        }
        return new LaneSubscriber<Object>(subscriber, context.put(ReactiveHttp.ATTRIBUTE, lane));
    }

    @Override
    public void stateChanged(Object connection, Object state) {
        if (state != HttpClientState.REQUEST_PREPARED || !(connection instanceof HttpClientRequest)) {
            return;
        }
        final HttpClientRequest request = (HttpClientRequest) connection;
        ContextView context = request.currentContextView();
        String lane = context.hasKey(ReactiveHttp.ATTRIBUTE)
                ? ReactiveHttp.laneOf(context.get(ReactiveHttp.ATTRIBUTE)) : null;
        final HttpHeaders headers = request.requestHeaders();
        OutboundHttp.applyLane(lane == null || lane.isEmpty() ? null : lane, new OutboundHttp.Headers() {
            @Override
            public String get(String name) {
                return headers.get(name);
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
                String url = request.resourceUrl();
                if (url == null) {
                    return null;
                }
                try {
                    URI uri = URI.create(url);
                    return new String[] {uri.getHost(), request.method().name(), uri.getRawPath()};
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }, false);
    }
}
