package io.graylane.core.ingress;

/** The few things {@link IngressColoring} needs from an inbound request, whatever the server technology. */
public interface IngressRequest {
    /** First value of a request header (case-insensitive name), or null. */
    String header(String name);

    /** Value of a cookie, or null. */
    String cookie(String name);

    /** Value of a query-string parameter (decoded), or null. Never reads a request body. */
    String query(String name);

    /** The direct peer's address (literal IP). */
    String remoteAddr();

    /** The request path, without the query string. */
    String path();

    /** The HTTP method. */
    String method();
}
