package io.graylane.it.apps;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link LaneHeaderChecks} through the JDK's {@code java.net.http.HttpClient}. Argument: {@code signed} or {@code unsigned}. */
public final class JdkHttpClientApp implements LaneHeaderChecks.Client {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        LaneHeaderChecks.run(new JdkHttpClientApp(), "signed".equals(args[0]));
    }

    @Override
    public String send(String url, String method, String forged, String forgedSignature) throws Exception {
        return client.send(request(url, method, forged, forgedSignature), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public String sendAsync(String url) throws Exception {
        return client.sendAsync(request(url, "GET", null, null), HttpResponse.BodyHandlers.ofString())
                .get(10, TimeUnit.SECONDS).body();
    }

    @Override
    public String sendViaProxy(String url, int proxyPort) throws Exception {
        HttpClient proxied = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort))).build();
        return proxied.send(request(url, "GET", null, null), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(String url, String method, String forged, String forgedSignature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if ("POST".equals(method)) {
            b.POST(HttpRequest.BodyPublishers.ofString("order"));
        }
        if (forged != null) {
            b.header(LaneHeaderChecks.LANE, forged).header(LaneHeaderChecks.SIGNATURE, forgedSignature);
        }
        return b.build();
    }
}
