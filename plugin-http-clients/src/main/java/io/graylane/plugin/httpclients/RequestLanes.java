package io.graylane.plugin.httpclients;

/** What the plugin asks of a client's typed helper: a request with the lane header of a lane. */
public interface RequestLanes {
    /**
     * {@code request} with the lane header of {@code lane} (null: baseline, the header removed), signed when configured
     * ({@code OutboundHttp.applyLane}); the same object when nothing changes.
     */
    Object withLane(Object request, String lane);
}
