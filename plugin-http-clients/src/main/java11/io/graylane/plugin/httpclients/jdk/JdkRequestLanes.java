package io.graylane.plugin.httpclients.jdk;

import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.plugin.httpclients.RequestLanes;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The helper for the JDK's {@code java.net.http} client (compiled with release 11, loaded only on Java 11+). An
 * {@code HttpRequest} is immutable, so when the lane header (or its signature) must be set or removed the request is
 * rebuilt: same URI, method, body publisher, headers, timeout, version and expect-continue, with the agent's lane
 * header. ({@code HttpRequest.newBuilder(request, filter)} would do it but exists only from Java 16.) The signature is
 * bound to the URI's host, the method and the raw path.
 */
public final class JdkRequestLanes implements RequestLanes {
    @Override
    public Object withLane(Object r, String lane) {
        if (!(r instanceof HttpRequest)) {
            return r;
        }
        final HttpRequest request = (HttpRequest) r;
        final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers().map());
        final boolean[] changed = {false};
        OutboundHttp.applyLane(lane, new OutboundHttp.Headers() {
            @Override
            public String get(String name) {
                List<String> values = headers.get(name);
                return values == null || values.isEmpty() ? null : values.get(0);
            }

            @Override
            public void set(String name, String value) {
                List<String> before = headers.put(name, List.of(value));
                changed[0] |= !List.of(value).equals(before);
            }

            @Override
            public void remove(String name) {
                changed[0] |= headers.remove(name) != null;
            }

            @Override
            public String[] target() {
                URI uri = request.uri();
                return new String[] {uri.getHost(), request.method(), uri.getRawPath()};
            }
        }, false);
        return changed[0] ? copy(request, headers) : request;
    }

    private static HttpRequest copy(HttpRequest request, Map<String, List<String>> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).expectContinue(request.expectContinue());
        request.timeout().ifPresent(b::timeout);
        request.version().ifPresent(b::version);
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            for (String value : new ArrayList<>(h.getValue())) {
                b.header(h.getKey(), value);
            }
        }
        String method = request.method();
        Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
        if (body.isPresent()) {
            b.method(method, body.get());
        } else if ("GET".equals(method)) {
            b.GET();
        } else if ("DELETE".equals(method)) {
            b.DELETE();
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }
}
