package io.graylane.it.apps;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link LaneHeaderChecks} through OkHttp, compiled against OkHttp 3.14.9 and run on whichever OkHttp (3, 4 or 5) the
 * test puts on the class path; only API all three keep. Argument: {@code signed} or {@code unsigned}.
 */
public final class OkHttpClientApp implements LaneHeaderChecks.Client {
    private final OkHttpClient client = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(5, TimeUnit.SECONDS).build();

    public static void main(String[] args) throws Exception {
        LaneHeaderChecks.run(new OkHttpClientApp(), "signed".equals(args[0]));
    }

    @Override
    public String send(String url, String method, String forged, String forgedSignature) throws Exception {
        return body(client.newCall(request(url, method, forged, forgedSignature)).execute());
    }

    @Override
    public String sendAsync(String url) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        client.newCall(request(url, "GET", null, null)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                result.complete(body(response));
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    @Override
    public String sendViaProxy(String url, int proxyPort) throws Exception {
        OkHttpClient proxied = client.newBuilder()
                .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxyPort))).build();
        return body(proxied.newCall(request(url, "GET", null, null)).execute());
    }

    private static Request request(String url, String method, String forged, String forgedSignature) {
        Request.Builder b = new Request.Builder().url(url);
        if ("POST".equals(method)) {
            b.post(RequestBody.create(MediaType.parse("text/plain"), "order"));
        }
        if (forged != null) {
            b.header(LaneHeaderChecks.LANE, forged).header(LaneHeaderChecks.SIGNATURE, forgedSignature);
        }
        return b.build();
    }

    private static String body(Response response) throws IOException {
        try (Response r = response) {
            return r.body().string();
        }
    }
}
