package io.graylane.plugin.springcloud.webflux;

import io.graylane.core.ingress.IngressRequest;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;

/** A lazy view of one WebFlux request for {@link io.graylane.core.ingress.IngressColoring}: nothing is read until asked. */
final class ExchangeRequest implements IngressRequest {
    private final ServerHttpRequest request;

    ExchangeRequest(ServerHttpRequest request) {
        this.request = request;
    }

    @Override
    public String header(String name) {
        return request.getHeaders().getFirst(name);
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? Collections.<String>emptyList() : values;
    }

    @Override
    public String cookie(String name) {
        HttpCookie c = request.getCookies().getFirst(name);
        return c == null ? null : c.getValue();
    }

    /** Decoded, as WebFlux parses the query string (never the body). */
    @Override
    public String query(String name) {
        return request.getQueryParams().getFirst(name);
    }

    @Override
    public String remoteAddr() {
        return literal(request.getRemoteAddress());
    }

    @Override
    public String localAddr() {
        return literal(request.getLocalAddress());
    }

    @Override
    public String path() {
        return request.getURI().getRawPath();
    }

    @Override
    public String method() {
        HttpMethod m = request.getMethod();
        return m == null ? null : m.name();
    }

    /** The literal IP of an address; never a DNS lookup (an unresolved address gives its host string as it is). */
    private static String literal(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }
}
