package io.graylane.plugin.springcloud.nacos;

import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.naming.pojo.ServiceInfo;
import io.graylane.bootstrap.http.DiscoveryUpdates;
import io.graylane.plugin.springcloud.DiscoveryView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed helper (one per application class loader holding the Nacos naming client): reads a {@code ServiceInfo} (the
 * client's view of one service) into {@link DiscoveryView}: its name, group and one fingerprint per instance
 * ({@code Instance#toString()}: address, weight, health, enabled, cluster, metadata). Only the view of the whole
 * service counts (no cluster filter: what Spring Cloud Alibaba's discovery subscribes to).
 */
public final class ServiceInfoView implements DiscoveryUpdates.Handler {
    @Override
    public void updated(Object update) {
        ServiceInfo serviceInfo = (ServiceInfo) update;
        String clusters = serviceInfo.getClusters();
        if (clusters != null && !clusters.isEmpty()) {
            return;
        }
        String name = serviceInfo.getName();
        String group = serviceInfo.getGroupName();
        if (name == null) {
            return;
        }
        int sep = name.indexOf("@@");
        if (sep >= 0) {
            group = name.substring(0, sep);
            name = name.substring(sep + 2);
        }
        List<Instance> hosts = serviceInfo.getHosts();
        Set<String> instances = new HashSet<String>();
        if (hosts != null) {
            for (Instance i : new ArrayList<Instance>(hosts)) {
                instances.add(String.valueOf(i));
            }
        }
        DiscoveryView.update(group, name, instances);
    }
}
