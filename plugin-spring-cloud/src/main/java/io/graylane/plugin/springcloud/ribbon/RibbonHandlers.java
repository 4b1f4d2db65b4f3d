package io.graylane.plugin.springcloud.ribbon;

import io.graylane.bootstrap.http.RibbonChoice;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Collections;
import java.util.List;

/** Hands each server list to the typed helper of the Ribbon that its servers come from. */
final class RibbonHandlers implements RibbonChoice.Handler {
    private static final String PKG = RibbonHandlers.class.getPackage().getName() + ".servers";
    static final String ANCHOR = "com.netflix.loadbalancer.Server";

    private final TypedHelpers<ServerFilter> helpers;

    RibbonHandlers(GraylanePlugin plugin) {
        helpers = new TypedHelpers<ServerFilter>(plugin, ServerFilter.class, ANCHOR,
                Collections.singletonList(PKG + "."),
                HelperVersion.of("ribbon-loadbalancer 2.x with Spring Cloud Alibaba Nacos discovery",
                        PKG + ".NacosLaneServers", ANCHOR, "com.alibaba.cloud.nacos.ribbon.NacosServer"),
                HelperVersion.of("ribbon-loadbalancer 2.x", PKG + ".LaneServers", ANCHOR));
    }

    @Override
    public Object forLane(Object servers, String lane, boolean count) {
        if (!(servers instanceof List) || ((List<?>) servers).isEmpty()) {
            return servers;
        }
        List<?> list = (List<?>) servers;
        Object first = list.get(0);
        ServerFilter f = first == null ? null : helpers.forSubtype(first);
        return f == null ? servers : f.forLane(list, lane, count);
    }
}
