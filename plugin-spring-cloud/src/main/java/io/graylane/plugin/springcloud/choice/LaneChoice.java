package io.graylane.plugin.springcloud.choice;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.plugin.springcloud.LaneSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Dubbo's tag-routing semantics for HTTP instances of any client-side load balancer (Spring Cloud LoadBalancer's
 * {@code ServiceInstance}, Ribbon's {@code Server}): a request in lane L gets the instances of lane L when there are
 * any, else the baseline ones (strict: none); a request without a lane gets only baseline instances. Instances without
 * graylane's metadata are baseline. Counts the per-lane metrics routed / fallback / refused.
 */
public final class LaneChoice {
    /** How an instance's lane is read: null or empty for baseline. */
    public interface LaneOf<T> {
        String laneOf(T instance);
    }

    private LaneChoice() {
    }

    /**
     * The instances a call in {@code lane} (null: none) may use. {@code count}: add the call to the lane metrics (one
     * count per load-balanced call, not per list a balancer asks for).
     */
    public static <T> List<T> choose(List<T> instances, String lane, LaneOf<? super T> laneOf, boolean count) {
        if (instances == null || instances.isEmpty()) {
            return instances;
        }
        List<T> inLane = new ArrayList<T>(instances.size());
        List<T> baseline = new ArrayList<T>(instances.size());
        for (T i : instances) {
            String l = laneOf.laneOf(i);
            if (l == null || l.isEmpty()) {
                baseline.add(i);
            } else if (l.equals(lane)) {
                inLane.add(i);
            }
        }
        if (lane == null) {
            return baseline;
        }
        if (!inLane.isEmpty()) {
            if (count) {
                count("graylane_http_routed_total", "load-balanced HTTP calls in a lane routed to an instance of it",
                        lane);
            }
            return inLane;
        }
        if (LaneSettings.strict()) {
            if (count) {
                count("graylane_http_refused_total",
                        "load-balanced HTTP calls in a lane refused: no instance of it (graylane.http.strict)", lane);
            }
            return Collections.emptyList();
        }
        if (count) {
            count("graylane_http_fallback_total",
                    "load-balanced HTTP calls in a lane sent to baseline: no instance of the lane", lane);
        }
        return baseline;
    }

    private static void count(String name, String help, String lane) {
        MetricRegistry.counter(name, help, "lane", LaneNames.label(lane)).inc();
    }
}
