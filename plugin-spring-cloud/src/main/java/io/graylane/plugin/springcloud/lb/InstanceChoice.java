package io.graylane.plugin.springcloud.lb;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.http.HttpRouting;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.plugin.springcloud.LaneSettings;
import org.springframework.cloud.client.ServiceInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Dubbo's tag-routing semantics for HTTP instances: a request in lane L gets the instances registered with lane L when
 * there are any, else the baseline ones (strict: none); a request without a lane gets only baseline instances.
 * Instances without graylane's metadata are baseline.
 */
final class InstanceChoice {
    private InstanceChoice() {
    }

    static List<ServiceInstance> choose(String service, List<ServiceInstance> instances, String lane) {
        if (instances == null || instances.isEmpty()) {
            return instances;
        }
        List<ServiceInstance> inLane = new ArrayList<ServiceInstance>(instances.size());
        List<ServiceInstance> baseline = new ArrayList<ServiceInstance>(instances.size());
        for (ServiceInstance i : instances) {
            String l = laneOf(i);
            if (l == null) {
                baseline.add(i);
            } else if (l.equals(lane)) {
                inLane.add(i);
            }
        }
        if (lane == null) {
            return baseline;
        }
        if (!inLane.isEmpty()) {
            count("graylane_http_routed_total", "load-balanced HTTP calls in a lane routed to an instance of it", lane);
            return inLane;
        }
        if (LaneSettings.strict()) {
            count("graylane_http_refused_total",
                    "load-balanced HTTP calls in a lane refused: no instance of it (graylane.http.strict)", lane);
            return Collections.emptyList();
        }
        count("graylane_http_fallback_total",
                "load-balanced HTTP calls in a lane sent to baseline: no instance of the lane", lane);
        return baseline;
    }

    private static String laneOf(ServiceInstance i) {
        Map<String, String> metadata = i.getMetadata();
        String l = metadata == null ? null : metadata.get(HttpRouting.METADATA_KEY);
        return l == null || l.isEmpty() ? null : l;
    }

    private static void count(String name, String help, String lane) {
        MetricRegistry.counter(name, help, "lane", LaneNames.label(lane)).inc();
    }
}
