package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.http.DiscoveryUpdates;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Collections;

/**
 * Hands a Nacos 2.x {@code ServiceInfo} (the naming client's view of one service) to the typed helper of its class
 * loader ({@code nacos.ServiceInfoView}), which records it in {@link DiscoveryView}.
 */
final class NacosServiceInfoHandler implements DiscoveryUpdates.Handler {
    private static final String PKG = NacosServiceInfoHandler.class.getPackage().getName() + ".nacos.";
    static final String ANCHOR = "com.alibaba.nacos.api.naming.pojo.ServiceInfo";

    private final TypedHelpers<DiscoveryUpdates.Handler> helpers;

    NacosServiceInfoHandler(GraylanePlugin plugin) {
        helpers = new TypedHelpers<DiscoveryUpdates.Handler>(plugin, DiscoveryUpdates.Handler.class, ANCHOR,
                Collections.singletonList(PKG),
                HelperVersion.of("nacos-client 2.x", PKG + "ServiceInfoView", ANCHOR,
                        "com.alibaba.nacos.api.naming.pojo.Instance"));
    }

    @Override
    public void updated(Object serviceInfo) throws Throwable {
        DiscoveryUpdates.Handler view = helpers.forObject(serviceInfo);
        if (view != null) {
            view.updated(serviceInfo);
        }
    }
}
