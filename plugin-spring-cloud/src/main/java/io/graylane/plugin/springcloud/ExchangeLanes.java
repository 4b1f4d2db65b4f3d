package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.core.ingress.IngressColoring;

/** What the plugin asks of its WebFlux helper (one per application class loader): the lane of a server exchange. */
public interface ExchangeLanes {
    /**
     * Decides the lane of {@code exchange} with {@code coloring} unless it was decided before, and keeps it in the
     * exchange's attributes ({@code ReactiveHttp.ATTRIBUTE}); returns it (null = baseline).
     */
    LaneSnapshot color(IngressColoring coloring, Object exchange);

    /** {@code processing} (the exchange's {@code Mono<Void>}) with the exchange's lane in its Reactor Context. */
    Object inContext(Object exchange, Object processing);
}
