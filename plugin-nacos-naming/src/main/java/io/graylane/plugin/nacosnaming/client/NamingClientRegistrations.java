package io.graylane.plugin.nacosnaming.client;

import com.alibaba.nacos.api.common.Constants;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.graylane.plugin.nacosnaming.NamingRegistrations;

import java.util.Map;

/** Typed helper: nacos-client's {@code NamingService} and {@code Instance} (2.x and 3.x). */
public final class NamingClientRegistrations implements NamingRegistrations {
    @Override
    public void addLane(Object instance, String key, String lane) {
        Instance i = (Instance) instance;
        Map<String, String> metadata = i.getMetadata();
        if (metadata == null || !metadata.containsKey(key)) {
            i.addMetadata(key, lane);
        }
    }

    @Override
    public String address(Object instance) {
        Instance i = (Instance) instance;
        String cluster = i.getClusterName();
        return i.getIp() + ":" + i.getPort() + "#"
                + (cluster == null || cluster.isEmpty() ? Constants.DEFAULT_CLUSTER_NAME : cluster);
    }

    @Override
    public void deregister(Object namingService, String serviceName, String groupName, Object instance)
            throws NacosException {
        ((NamingService) namingService).deregisterInstance(serviceName, groupName, (Instance) instance);
    }

    @Override
    public void register(Object namingService, String serviceName, String groupName, Object instance)
            throws NacosException {
        ((NamingService) namingService).registerInstance(serviceName, groupName, (Instance) instance);
    }
}
