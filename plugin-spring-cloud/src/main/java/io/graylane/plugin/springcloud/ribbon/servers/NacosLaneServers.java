package io.graylane.plugin.springcloud.ribbon.servers;

import com.alibaba.cloud.nacos.ribbon.NacosServer;
import com.netflix.loadbalancer.Server;
import io.graylane.bootstrap.http.HttpRouting;

import java.util.Map;

/** {@link LaneServers} where servers come from Spring Cloud Alibaba's Nacos discovery: the lane is the instance metadata's. */
public final class NacosLaneServers extends LaneServers {
    @Override
    public String laneOf(Server server) {
        if (!(server instanceof NacosServer)) {
            return null;
        }
        Map<String, String> metadata = ((NacosServer) server).getMetadata();
        return metadata == null ? null : metadata.get(HttpRouting.METADATA_KEY);
    }
}
