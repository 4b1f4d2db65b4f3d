package io.graylane.bootstrap.http;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;

import javax.crypto.Mac;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;

/**
 * What HTTP client advice needs to carry the lane to the next HTTP hop. The lane header ({@code graylane.ingress.header})
 * on an outbound request is always the agent's decision: the current lane, set over whatever the application put there
 * (an application copying its incoming headers onto its calls would otherwise forward a lane the ingress refused), and
 * removed on baseline — unless {@code graylane.http-client.keep-application-lane-header=true}, which leaves a header the
 * application set alone. With {@code graylane.ingress.hmac-secret}, requests to a signing destination
 * ({@code graylane.http-client.sign-destinations}, default {@link PrivateDestinations}) also get
 * {@code <header>-signature} ({@link LaneSignature}: bound to the destination host, the method and the path); to any other
 * destination no signature is sent, and one the application copied is removed. JDK-only; the http-client plugin
 * configures it at start and rewrites the HTTP clients to call {@link #beforeSend} / {@link #beforeSendMessage}.
 */
public final class OutboundHttp {
    private static volatile String header = "x-graylane-lane";
    private static volatile String signatureHeader = "x-graylane-lane-signature";
    private static volatile byte[] secret;
    private static volatile Destinations signTo = PrivateDestinations.INSTANCE;
    private static volatile boolean keepApplicationHeader;
    private static final ThreadLocal<Mac> MAC = new ThreadLocal<Mac>();
    private static final Counter SENT = MetricRegistry.counter("graylane_http_client_lane_sent_total",
            "outbound HTTP requests in a lane to which the agent added its lane header (not already carrying it)");
    private static final Counter OVERRIDDEN = MetricRegistry.counter("graylane_http_client_lane_overridden_total",
            "outbound HTTP requests whose application-set lane header was replaced by the agent's lane or removed");

    /** Which destination hosts get a signature. */
    public interface Destinations {
        /** {@code host}: as in the request URL (a name or a literal address, never resolved). */
        boolean contains(String host);
    }

    private OutboundHttp() {
    }

    /** The default destinations, the application's lane header replaced. {@code hmacSecret} null or empty: unsigned. */
    public static void configure(String laneHeader, String hmacSecret) {
        configure(laneHeader, hmacSecret, null, false);
    }

    /**
     * Called once by the http-client plugin. {@code signDestinations} null: {@link PrivateDestinations}.
     * {@code keepAppHeader}: a lane header the application set itself is left as it is.
     */
    public static void configure(String laneHeader, String hmacSecret, Destinations signDestinations,
                                 boolean keepAppHeader) {
        String h = laneHeader == null || laneHeader.trim().isEmpty() ? "x-graylane-lane" : laneHeader.trim();
        header = h;
        signatureHeader = h + "-signature";
        secret = hmacSecret == null || hmacSecret.isEmpty() ? null : hmacSecret.getBytes(StandardCharsets.UTF_8);
        signTo = signDestinations == null ? PrivateDestinations.INSTANCE : signDestinations;
        keepApplicationHeader = keepAppHeader;
    }

    public static String header() {
        return header;
    }

    public static String signatureHeader() {
        return signatureHeader;
    }

    /** The signature for {@code lane} on a request to {@code host}, now; null without a secret or for another host. */
    public static String signature(String lane, String host, String method, String path) {
        byte[] key = secret;
        if (key == null || host == null || !signTo.contains(LaneSignature.audience(host))) {
            return null;
        }
        try {
            Mac m = MAC.get();
            if (m == null) {
                m = LaneSignature.mac(key);
                MAC.set(m);
            }
            return LaneSignature.sign(m, lane, host, method, path, System.currentTimeMillis() / 1000);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * At the start of the calls that send an HTTP request with the JDK's {@code HttpURLConnection}: sets (in a lane) or
     * removes (on baseline) the lane header and its signature. A connection already connected is left alone. Never
     * throws.
     */
    public static void beforeSend(URLConnection connection) {
        if (connection != null) {
            apply(LaneContext.currentLane(), connection, CONNECTION);
        }
    }

    /**
     * Apache HttpClient 4.x / 5.x: {@code request} is the per-execution copy an exec chain element receives (never the
     * application's own request object, which may be sent again later on baseline). Sets or removes the lane header as
     * {@link #beforeSend} does, through the clients' public interfaces, by reflection (this class cannot see the
     * application's libraries). Never throws.
     */
    public static void beforeSendMessage(Object request) {
        if (request != null) {
            apply(LaneContext.currentLane(), request, ApacheRequests.of(request.getClass()));
        }
    }

    /** The headers of one outbound request of a client the agent reaches through typed helpers. */
    public interface Headers {
        /** The header's first value, or null. */
        String get(String name);

        void set(String name, String value);

        void remove(String name);

        /** {host, method, path} of the request, or null when unknown (then no signature is sent). */
        String[] target();
    }

    /**
     * Sets ({@code lane} non-null) or removes (baseline) the lane header and its signature on {@code request}, as
     * {@link #beforeSend} does. {@code forwardsInbound}: the headers are a copy of an inbound request's (a gateway), so
     * a lane header already there came from the client, never from the application: it is always replaced or removed,
     * whatever {@code graylane.http-client.keep-application-lane-header} says. Never throws.
     */
    public static void applyLane(String lane, Headers request, boolean forwardsInbound) {
        if (request != null) {
            apply(lane, request, HEADERS, !forwardsInbound && keepApplicationHeader);
        }
    }

    private static final RequestAccess HEADERS = new RequestAccess() {
        @Override
        String header(Object request, String name) {
            return ((Headers) request).get(name);
        }

        @Override
        void set(Object request, String name, String value) {
            ((Headers) request).set(name, value);
        }

        @Override
        void remove(Object request, String name) {
            ((Headers) request).remove(name);
        }

        @Override
        String[] target(Object request) {
            return ((Headers) request).target();
        }
    };

    private static void apply(String lane, Object request, RequestAccess access) {
        apply(lane, request, access, keepApplicationHeader);
    }

    private static void apply(String lane, Object request, RequestAccess access, boolean keep) {
        if (access == null) {
            return;
        }
        try {
            String present = access.header(request, header);
            if (keep && present != null && !present.isEmpty()) {
                return;
            }
            if (lane == null) {
                if (present != null) {
                    access.remove(request, header);
                    OVERRIDDEN.inc();
                }
                if (access.header(request, signatureHeader) != null) {
                    access.remove(request, signatureHeader);
                }
                return;
            }
            access.set(request, header, lane);
            if (!lane.equals(present)) {
                SENT.inc();
                if (present != null) {
                    OVERRIDDEN.inc();
                }
            }
            String[] target = access.target(request);
            String signature = target == null ? null : signature(lane, target[0], target[1], target[2]);
            if (signature != null) {
                access.set(request, signatureHeader, signature);
            } else if (access.header(request, signatureHeader) != null) {
                access.remove(request, signatureHeader);
            }
        } catch (Throwable ignored) {
            // the request can no longer take headers (a connection already connected): never disturb the call
        }
    }

    /** Reads and writes the headers of one kind of request, and tells where it goes. */
    abstract static class RequestAccess {
        /** The header's value, or null. */
        abstract String header(Object request, String name) throws Exception;

        abstract void set(Object request, String name, String value) throws Exception;

        abstract void remove(Object request, String name) throws Exception;

        /** {host, method, path} of the request, or null when unknown (then no signature is sent). */
        abstract String[] target(Object request) throws Exception;
    }

    private static final RequestAccess CONNECTION = new RequestAccess() {
        @Override
        String header(Object request, String name) {
            return ((URLConnection) request).getRequestProperty(name);
        }

        @Override
        void set(Object request, String name, String value) {
            ((URLConnection) request).setRequestProperty(name, value);
        }

        /** {@code HttpURLConnection} cannot drop a request property: a null value, sent as an empty header. */
        @Override
        void remove(Object request, String name) {
            ((URLConnection) request).setRequestProperty(name, null);
        }

        @Override
        String[] target(Object request) {
            URLConnection c = (URLConnection) request;
            URL url = c.getURL();
            String method = "GET";
            if (c instanceof HttpURLConnection) {
                method = ((HttpURLConnection) c).getRequestMethod();
                // getOutputStream turns a GET with output into a POST after this hook ran
                if ("GET".equals(method) && c.getDoOutput()) {
                    method = "POST";
                }
            }
            return new String[] {url.getHost(), method, url.getPath()};
        }
    };
}
