package io.graylane.plugin.springcloud.webflux;

import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.ReactiveHttp;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.plugin.springcloud.ExchangeLanes;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import java.util.Map;
import java.util.function.Function;

/**
 * Typed helper for Spring WebFlux (one per application class loader): the lane of a server exchange is decided once, by
 * the same {@link IngressColoring} as the servlet ingress, and kept in the exchange's attributes; the exchange's
 * processing carries it in its Reactor Context, so it follows the request through operators and thread hops.
 */
public final class WebFluxExchangeLanes implements ExchangeLanes {
    @Override
    public LaneSnapshot color(IngressColoring coloring, Object ex) {
        if (!(ex instanceof ServerWebExchange)) {
            return null;
        }
        ServerWebExchange exchange = (ServerWebExchange) ex;
        Map<String, Object> attributes = exchange.getAttributes();
        Object seen = attributes.get(ReactiveHttp.ATTRIBUTE);
        if (seen != null) {
            return seen instanceof LaneSnapshot ? (LaneSnapshot) seen : null;
        }
        LaneSnapshot lane = coloring.decide(new ExchangeRequest(exchange.getRequest()));
        attributes.put(ReactiveHttp.ATTRIBUTE, lane == null ? ReactiveHttp.BASELINE : lane);
        String header = coloring.responseHeader();
        if (header != null) {
            exchange.getResponse().getHeaders().set(header, lane == null ? ReactiveHttp.BASELINE : lane.lane());
        }
        return lane;
    }

    @Override
    public Object inContext(Object ex, Object processing) {
        if (!(ex instanceof ServerWebExchange) || !(processing instanceof Mono)) {
            return processing;
        }
        final Object lane = ((ServerWebExchange) ex).getAttributes().get(ReactiveHttp.ATTRIBUTE);
        if (lane == null) {
            return processing;
        }
        return ((Mono<?>) processing).contextWrite(new Function<Context, Context>() {
            @Override
            public Context apply(Context context) {
                return context.put(ReactiveHttp.ATTRIBUTE, lane);
            }
        });
    }
}
