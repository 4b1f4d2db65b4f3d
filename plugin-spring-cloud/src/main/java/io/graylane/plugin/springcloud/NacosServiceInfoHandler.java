package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.http.DiscoveryUpdates;
import io.graylane.core.logging.AgentLogger;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Nacos 2.x {@code ServiceInfo} (the naming client's view of one service) into {@link DiscoveryView}: its name,
 * group and one fingerprint per instance ({@code Instance#toString()}: address, weight, health, enabled, cluster,
 * metadata). Only the view of the whole service counts (no cluster filter: what Spring Cloud Alibaba's discovery
 * subscribes to). Through public getters looked up once per class, not a typed helper: the agent jar relocates every
 * {@code com.alibaba.nacos} reference in its classes to its own embedded Nacos client (the rule source), so no class of
 * the agent can name the application's Nacos types (the same reason {@link NacosServiceInfoInstrumentation} builds
 * their names at run time).
 */
final class NacosServiceInfoHandler implements DiscoveryUpdates.Handler {
    private final ClassValue<Method[]> getters = new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            try {
                return new Method[] {type.getMethod("getName"), type.getMethod("getGroupName"),
                        type.getMethod("getClusters"), type.getMethod("getHosts")};
            } catch (NoSuchMethodException e) {
                AgentLogger.warnOnce("nacos-service-info:" + type.getName(), "spring-cloud: " + type.getName()
                        + " has no " + e.getMessage() + "; callers keep their load balancer's cached instances", null);
                return null;
            }
        }
    };

    @Override
    public void updated(Object serviceInfo) throws Exception {
        Method[] m = getters.get(serviceInfo.getClass());
        if (m == null) {
            return;
        }
        Object clusters = m[2].invoke(serviceInfo);
        if (clusters != null && !String.valueOf(clusters).isEmpty()) {
            return;
        }
        String name = (String) m[0].invoke(serviceInfo);
        String group = (String) m[1].invoke(serviceInfo);
        if (name == null) {
            return;
        }
        int sep = name.indexOf("@@");
        if (sep >= 0) {
            group = name.substring(0, sep);
            name = name.substring(sep + 2);
        }
        Object hosts = m[3].invoke(serviceInfo);
        Set<String> instances = new HashSet<String>();
        if (hosts instanceof Collection) {
            List<Object> copy = new ArrayList<Object>((Collection<?>) hosts);
            for (Object i : copy) {
                instances.add(String.valueOf(i));
            }
        }
        DiscoveryView.update(group, name, instances);
    }
}
