package io.graylane.plugin.springcloud;

/** What the plugin asks of its WebClient helper (one per application class loader). */
public interface WebClientLanes {
    /** Puts the lane filter first among the filters of a {@code WebClient.Builder} (once per builder). */
    void addLaneFilter(Object builder);

    /** A copy of a {@code ClientRequest} about to be sent, with the lane header of its lane (signed when configured). */
    Object withLaneHeader(Object request);
}
