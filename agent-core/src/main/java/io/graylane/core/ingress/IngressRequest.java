package io.graylane.core.ingress;

import java.util.Collections;
import java.util.List;

/** The few things {@link IngressColoring} needs from an inbound request, whatever the server technology. */
public interface IngressRequest {
    /** First value of a request header (case-insensitive name), or null. */
    String header(String name);

    /**
     * Every value of a request header, in the order received (one per header line; case-insensitive name); empty when
     * absent. The default returns only {@link #header}: implement it, or a lane claimed in a second header line, after an
     * empty first one, goes unseen.
     */
    default List<String> headers(String name) {
        String v = header(name);
        return v == null ? Collections.<String>emptyList() : Collections.singletonList(v);
    }

    /** Value of a cookie, or null. */
    String cookie(String name);

    /** Value of a query-string parameter (decoded), or null. Never reads a request body. */
    String query(String name);

    /** The direct peer's address (literal IP). */
    String remoteAddr();

    /**
     * The local address the request arrived on (literal IP, e.g. {@code getLocalAddr()}), or null when unknown: a lane
     * signature made for this address is accepted (see {@code graylane.ingress.audience}).
     */
    default String localAddr() {
        return null;
    }

    /** The request path as sent, without the query string and not decoded (e.g. {@code getRequestURI()}). */
    String path();

    /** The HTTP method. */
    String method();
}
