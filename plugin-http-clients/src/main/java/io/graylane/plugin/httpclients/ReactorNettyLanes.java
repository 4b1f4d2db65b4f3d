package io.graylane.plugin.httpclients;

import io.graylane.bootstrap.LaneSnapshot;

/** The typed half of {@link ReactorNettyPlugin}, one per application class loader that holds Reactor Netty. */
public interface ReactorNettyLanes {
    /** {@code actual} (a {@code CoreSubscriber}), or a subscriber whose context carries {@code lane}. */
    Object subscriber(Object actual, LaneSnapshot lane);

    /** On {@code REQUEST_PREPARED} of a client request: its lane header, from its context. */
    void stateChanged(Object connection, Object state);
}
