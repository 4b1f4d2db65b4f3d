package io.graylane.it.apps;

import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.util.context.Context;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link LaneHeaderChecks} through Reactor Netty's {@code HttpClient} used directly (no WebClient), and two checks of
 * its own: a lane that only the Reactor Context names, and a baseline context on a thread in a lane. Argument:
 * {@code signed} or {@code unsigned}.
 */
public final class ReactorNettyClientApp implements LaneHeaderChecks.ContextClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.create().responseTimeout(Duration.ofSeconds(5));

    public static void main(String[] args) throws Exception {
        LaneHeaderChecks.run(new ReactorNettyClientApp(), "signed".equals(args[0]));
    }

    @Override
    public String send(String url, String method, String forged, String forgedSignature) {
        HttpClient c = forged == null ? client
                : client.headers(h -> h.set(LaneHeaderChecks.LANE, forged).set(LaneHeaderChecks.SIGNATURE, forgedSignature));
        if ("POST".equals(method)) {
            return c.post().uri(url).send(ByteBufFlux.fromString(Mono.just("order")))
                    .responseContent().aggregate().asString().block(TIMEOUT);
        }
        return get(c, url).block(TIMEOUT);
    }

    @Override
    public String sendAsync(String url) throws Exception {
        return get(client, url).toFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Netty's HTTP proxy handler always tunnels (CONNECT), which the checks' plain server does not serve; instead the
     * request for {@code url} (host {@code lanes.invalid}) goes to the server's port with that host resolved to the
     * loopback address by the client's own resolver, as a proxy would forward it.
     */
    @Override
    public String sendViaProxy(String url, int proxyPort) {
        HttpClient direct = client.resolver(spec -> spec.hostsFileEntriesResolver(
                (host, types) -> InetAddress.getLoopbackAddress()));
        return get(direct, url.replace("//lanes.invalid/", "//lanes.invalid:" + proxyPort + "/")).block(TIMEOUT);
    }

    @Override
    public String sendInContext(String url, Object laneAttribute) {
        return get(client, url).contextWrite(Context.of("io.graylane.lane", laneAttribute)).block(TIMEOUT);
    }

    private static Mono<String> get(HttpClient c, String url) {
        return c.get().uri(url).responseContent().aggregate().asString();
    }
}
