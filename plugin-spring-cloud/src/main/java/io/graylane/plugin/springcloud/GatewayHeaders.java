package io.graylane.plugin.springcloud;

/** What the plugin asks of its Spring Cloud Gateway helper (one per application class loader). */
public interface GatewayHeaders {
    /**
     * The headers the gateway sends downstream for {@code exchange}, with the lane header of the exchange's lane (signed
     * towards signing destinations), or without one on baseline; {@code headers} itself when the exchange has no lane
     * decided by graylane.
     */
    Object withLane(Object headers, Object exchange);
}
