package io.graylane.plugin.springcloud.gateway;

import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.bootstrap.http.ReactiveHttp;
import io.graylane.plugin.springcloud.GatewayHeaders;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;

/**
 * Typed helper for Spring Cloud Gateway (one per application class loader). The gateway forwards the client's headers
 * downstream, a lane header a client sent among them: the headers it sends get the exchange's lane header instead (and
 * its signature towards signing destinations, for the URL the route resolved to, {@code lb://} included), or lose it on
 * baseline. Returns a copy: the headers the gateway's filters return may be read-only.
 */
public final class GatewayLaneHeaders implements GatewayHeaders {
    @Override
    public Object withLane(Object h, Object ex) {
        if (!(h instanceof HttpHeaders) || !(ex instanceof ServerWebExchange)) {
            return h;
        }
        final ServerWebExchange exchange = (ServerWebExchange) ex;
        String lane = ReactiveHttp.laneOf(exchange.getAttributes().get(ReactiveHttp.ATTRIBUTE));
        if (lane == null) {
            return h;
        }
        final HttpHeaders headers = new HttpHeaders();
        headers.putAll((HttpHeaders) h);
        OutboundHttp.applyLane(lane.isEmpty() ? null : lane, new OutboundHttp.Headers() {
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
                Object url = exchange.getAttributes().get(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
                HttpMethod method = exchange.getRequest().getMethod();
                if (!(url instanceof URI) || method == null) {
                    return null;
                }
                URI uri = (URI) url;
                return new String[] {uri.getHost(), method.name(), uri.getRawPath()};
            }
        }, true);
        return headers;
    }
}
