package io.graylane.plugin.springcloud.lb;

import io.graylane.bootstrap.http.HttpRouting;
import io.graylane.plugin.springcloud.choice.LaneChoice;
import org.springframework.cloud.client.ServiceInstance;

import java.util.List;
import java.util.Map;

/** {@link LaneChoice} for Spring Cloud LoadBalancer's instances: the lane is the instance metadata's. */
final class InstanceChoice {
    private static final LaneChoice.LaneOf<ServiceInstance> LANE_OF = new LaneChoice.LaneOf<ServiceInstance>() {
        @Override
        public String laneOf(ServiceInstance i) {
            Map<String, String> metadata = i.getMetadata();
            return metadata == null ? null : metadata.get(HttpRouting.METADATA_KEY);
        }
    };

    private InstanceChoice() {
    }

    static List<ServiceInstance> choose(String service, List<ServiceInstance> instances, String lane) {
        return LaneChoice.choose(instances, lane, LANE_OF, true);
    }
}
