package io.graylane.core.http;

import io.graylane.bootstrap.http.OutboundHttp;
import net.bytebuddy.asm.Advice;

import java.net.HttpURLConnection;

/** Advice inlined into HTTP clients; references only bootstrap classes and JDK API. */
public final class HttpClientAdvice {
    private HttpClientAdvice() {
    }

    /** Adds the lane header (and its signature) to a request about to be sent in a lane, unless already set. */
    public static class HttpUrlConnectionAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This HttpURLConnection connection,
                                 @Advice.FieldValue("connected") boolean connected) {
            if (connected) {
                return;
            }
            String lane = OutboundHttp.lane();
            if (lane == null) {
                return;
            }
            String header = OutboundHttp.header();
            if (connection.getRequestProperty(header) != null) {
                return;
            }
            connection.setRequestProperty(header, lane);
            String signature = OutboundHttp.signature(lane);
            if (signature != null) {
                connection.setRequestProperty(OutboundHttp.signatureHeader(), signature);
            }
            OutboundHttp.sent();
        }
    }
}
