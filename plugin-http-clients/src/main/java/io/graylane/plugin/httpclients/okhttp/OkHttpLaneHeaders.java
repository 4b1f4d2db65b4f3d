package io.graylane.plugin.httpclients.okhttp;

import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.plugin.httpclients.RequestLanes;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Typed helper for OkHttp (one per application class loader), compiled against OkHttp 3.14.9 and using only the Java
 * API OkHttp 4 and 5 kept ({@code Request.header/newBuilder/url/method}, {@code HttpUrl.host/encodedPath}). The lane
 * header and its signature go on a copy of the request; the signature is bound to the URL's host, the method and the
 * encoded path.
 */
public final class OkHttpLaneHeaders implements RequestLanes {
    @Override
    public Object withLane(Object r, String lane) {
        if (!(r instanceof Request)) {
            return r;
        }
        final Request request = (Request) r;
        final Request.Builder[] copy = new Request.Builder[1];
        OutboundHttp.applyLane(lane, new OutboundHttp.Headers() {
            @Override
            public String get(String name) {
                return request.header(name);
            }

            @Override
            public void set(String name, String value) {
                builder().header(name, value);
            }

            @Override
            public void remove(String name) {
                builder().removeHeader(name);
            }

            private Request.Builder builder() {
                if (copy[0] == null) {
                    copy[0] = request.newBuilder();
                }
                return copy[0];
            }

            @Override
            public String[] target() {
                HttpUrl url = request.url();
                return new String[] {url.host(), request.method(), url.encodedPath()};
            }
        }, false);
        return copy[0] == null ? request : copy[0].build();
    }
}
