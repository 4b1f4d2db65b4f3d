package io.graylane.bootstrap.http;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;

import javax.crypto.Mac;
import java.lang.reflect.Method;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;

/**
 * What HTTP client advice needs to carry the lane to the next HTTP hop: the lane header's name (the one the next
 * node's ingress reads, {@code graylane.ingress.header}) and, when {@code graylane.ingress.hmac-secret} is set, the
 * signature that makes the next node trust the header without a CIDR rule ({@code <header>-signature:
 * <epochSeconds>:<hex HMAC-SHA256(secret, lane + ":" + epochSeconds)>}, as the ingress verifies it). JDK-only; the
 * http-client plugin configures it at start and rewrites the JDK's HttpURLConnection to call {@link #beforeSend}.
 * Nothing is done on baseline.
 */
public final class OutboundHttp {
    private static volatile String header = "x-graylane-lane";
    private static volatile String signatureHeader = "x-graylane-lane-signature";
    private static volatile byte[] secret;
    private static final ThreadLocal<Mac> MAC = new ThreadLocal<Mac>();
    private static final Counter SENT = MetricRegistry.counter("graylane_http_client_lane_sent_total",
            "outbound HTTP requests that carried the lane header (in a lane, the application had not set it)");

    private OutboundHttp() {
    }

    /** Called once by the http-client plugin. {@code hmacSecret} null or empty: no signature is sent. */
    public static void configure(String laneHeader, String hmacSecret) {
        String h = laneHeader == null || laneHeader.trim().isEmpty() ? "x-graylane-lane" : laneHeader.trim();
        header = h;
        signatureHeader = h + "-signature";
        secret = hmacSecret == null || hmacSecret.isEmpty() ? null : hmacSecret.getBytes(StandardCharsets.UTF_8);
    }

    public static String header() {
        return header;
    }

    public static String signatureHeader() {
        return signatureHeader;
    }

    /** The signature for {@code lane} now, or null when no secret is configured. */
    public static String signature(String lane) {
        byte[] key = secret;
        if (key == null) {
            return null;
        }
        try {
            Mac m = MAC.get();
            if (m == null) {
                m = LaneSignature.mac(key);
                MAC.set(m);
            }
            return LaneSignature.sign(m, lane, System.currentTimeMillis() / 1000);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * At the start of the calls that send an HTTP request with the JDK's {@code HttpURLConnection}: in a lane, adds the
     * lane header (and its signature) unless the request already has one — the application's own, or ours from an
     * earlier call on this connection. A connection already connected without it is left alone. Never throws.
     */
    public static void beforeSend(URLConnection connection) {
        String lane = LaneContext.currentLane();
        if (lane != null && connection != null) {
            addLane(lane, connection, CONNECTION);
        }
    }

    /**
     * Apache HttpClient 4.x / 5.x: {@code request} is the per-execution copy an exec chain element receives (never the
     * application's own request object, which may be sent again later on baseline). In a lane, sets the lane header
     * (and its signature) unless the request has one. Through the clients' public interfaces, by reflection (this
     * class cannot see the application's libraries). Never throws.
     */
    public static void beforeSendMessage(Object request) {
        String lane = LaneContext.currentLane();
        if (lane != null && request != null) {
            addLane(lane, request, MESSAGE_HEADERS.get(request.getClass()));
        }
    }

    private static void addLane(String lane, Object request, Headers headers) {
        if (headers == null) {
            return;
        }
        try {
            if (headers.has(request, header)) {
                return;
            }
            headers.set(request, header, lane);
            String signature = signature(lane);
            if (signature != null) {
                headers.set(request, signatureHeader, signature);
            }
            SENT.inc();
        } catch (Throwable ignored) {
            // the request can no longer take headers (a connection already connected): never disturb the call
        }
    }

    /** Reads and writes the headers of one kind of request. */
    private abstract static class Headers {
        abstract boolean has(Object request, String name) throws Exception;

        abstract void set(Object request, String name, String value) throws Exception;
    }

    private static final Headers CONNECTION = new Headers() {
        @Override
        boolean has(Object request, String name) {
            return ((URLConnection) request).getRequestProperty(name) != null;
        }

        @Override
        void set(Object request, String name, String value) {
            ((URLConnection) request).setRequestProperty(name, value);
        }
    };

    /** {@code containsHeader(String)} and {@code setHeader(String, String|Object)} of a request class, or null. */
    private static final ClassValue<MessageHeaders> MESSAGE_HEADERS = new ClassValue<MessageHeaders>() {
        @Override
        protected MessageHeaders computeValue(Class<?> type) {
            // names joined at run time: the agent jar's build relocates string constants that look like the class
            // names of the HttpClient it bundles; the application's own classes must be named as they are
            String hc4 = String.join(".", "org", "apache", "http", "HttpMessage");
            MessageHeaders m = MessageHeaders.of(type, hc4, hc4, String.class);
            return m != null ? m : MessageHeaders.of(type, String.join(".", "org", "apache", "hc", "core5", "http",
                    "MessageHeaders"), String.join(".", "org", "apache", "hc", "core5", "http", "HttpMessage"), Object.class);
        }
    };

    /** An HttpClient message's headers through its public interfaces, by reflection. */
    private static final class MessageHeaders extends Headers {
        private final Method containsHeader;
        private final Method setHeader;

        private MessageHeaders(Method containsHeader, Method setHeader) {
            this.containsHeader = containsHeader;
            this.setHeader = setHeader;
        }

        /** For {@code type} when it implements both interfaces (an application may have both HttpClient 4 and 5). */
        static MessageHeaders of(Class<?> type, String readType, String writeType, Class<?> valueType) {
            try {
                ClassLoader loader = type.getClassLoader();
                Class<?> read = Class.forName(readType, false, loader);
                Class<?> write = Class.forName(writeType, false, loader);
                if (!read.isAssignableFrom(type) || !write.isAssignableFrom(type)) {
                    return null;
                }
                return new MessageHeaders(read.getMethod("containsHeader", String.class),
                        write.getMethod("setHeader", String.class, valueType));
            } catch (Throwable notThisClient) {
                return null;
            }
        }

        @Override
        boolean has(Object request, String name) throws Exception {
            return Boolean.TRUE.equals(containsHeader.invoke(request, name));
        }

        @Override
        void set(Object request, String name, String value) throws Exception {
            setHeader.invoke(request, name, value);
        }
    }
}
