package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.ReactiveHttp;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Collections;

/**
 * The agent side of reactive HTTP: hands each server exchange to the WebFlux helper, each gateway request's headers to
 * the Spring Cloud Gateway helper, and WebClient builders and requests to the WebClient helper, of the application's
 * class loader.
 */
final class ReactiveLanes implements ReactiveHttp.Handler {
    private static final String BASE = ReactiveLanes.class.getPackage().getName();
    static final String EXCHANGE = "org.springframework.web.server.ServerWebExchange";
    static final String HEADERS_FILTER = "org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter";
    static final String CLIENT_REQUEST = "org.springframework.web.reactive.function.client.ClientRequest";

    private final IngressColoring coloring;
    private final TypedHelpers<ExchangeLanes> exchanges;
    private final TypedHelpers<GatewayHeaders> gateways;
    private final TypedHelpers<WebClientLanes> webClients;

    ReactiveLanes(GraylanePlugin plugin, IngressColoring coloring) {
        this.coloring = coloring;
        this.exchanges = new TypedHelpers<ExchangeLanes>(plugin, ExchangeLanes.class, EXCHANGE,
                Collections.singletonList(BASE + ".webflux."),
                HelperVersion.of("spring-webflux 5.3+", BASE + ".webflux.WebFluxExchangeLanes", EXCHANGE,
                        "reactor.util.context.ContextView"));
        this.gateways = new TypedHelpers<GatewayHeaders>(plugin, GatewayHeaders.class, HEADERS_FILTER,
                Collections.singletonList(BASE + ".gateway."),
                HelperVersion.of("spring-cloud-gateway 3.1+", BASE + ".gateway.GatewayLaneHeaders", HEADERS_FILTER,
                        "org.springframework.cloud.gateway.support.ServerWebExchangeUtils"));
        this.webClients = new TypedHelpers<WebClientLanes>(plugin, WebClientLanes.class, CLIENT_REQUEST,
                Collections.singletonList(BASE + ".webclient."),
                HelperVersion.of("spring-webflux WebClient 5.3+", BASE + ".webclient.WebClientLaneFilter",
                        CLIENT_REQUEST, "reactor.util.context.ContextView"));
    }

    @Override
    public LaneSnapshot colorExchange(Object exchange) {
        ExchangeLanes helper = exchanges.forObject(exchange);
        return helper == null ? null : helper.color(coloring, exchange);
    }

    @Override
    public Object inContext(Object exchange, Object processing) {
        ExchangeLanes helper = exchanges.forObject(exchange);
        return helper == null ? processing : helper.inContext(exchange, processing);
    }

    @Override
    public Object gatewayRequestHeaders(Object headers, Object exchange) {
        GatewayHeaders helper = gateways.forObject(exchange);
        return helper == null ? headers : helper.withLane(headers, exchange);
    }

    @Override
    public void prepareWebClient(Object builder) {
        WebClientLanes helper = webClients.forObject(builder);
        if (helper != null) {
            helper.addLaneFilter(builder);
        }
    }

    @Override
    public Object clientRequest(Object request) {
        WebClientLanes helper = webClients.forObject(request);
        return helper == null ? request : helper.withLaneHeader(request);
    }
}
