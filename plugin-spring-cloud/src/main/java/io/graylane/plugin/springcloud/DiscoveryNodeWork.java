package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.node.NodeBridge;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeWork;
import io.graylane.core.node.NodeWorkRegistry;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Spring Cloud service discovery's part of the node lifecycle: the registrations the application made with Nacos
 * discovery (seen at {@code NacosServiceRegistry#register}) are deregistered when the node goes offline, so callers'
 * load balancers stop choosing it once their instance lists refresh, and registered again when it comes online.
 * HTTP requests in flight are counted by the servlet plugin, not here.
 */
final class DiscoveryNodeWork implements NodeWork, NodeBridge.Handler {
    private static final String PKG = DiscoveryNodeWork.class.getPackage().getName() + ".registry.";
    static final String ANCHOR = "org.springframework.cloud.client.serviceregistry.ServiceRegistry";

    private final TypedHelpers<DiscoveryRegistrations> helpers;
    /** (registry, registration) pairs, weakly: an undeployed application takes them with it. */
    private final List<WeakReference<Object>[]> registrations = new CopyOnWriteArrayList<WeakReference<Object>[]>();

    DiscoveryNodeWork(GraylanePlugin plugin) {
        helpers = new TypedHelpers<DiscoveryRegistrations>(plugin, DiscoveryRegistrations.class, ANCHOR,
                Collections.singletonList(PKG),
                HelperVersion.of("spring-cloud-commons", PKG + "CommonsServiceRegistry", ANCHOR,
                        "org.springframework.cloud.client.serviceregistry.Registration"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void started(Object serviceRegistry, Object registration) {
        if (registration == null) {
            return;
        }
        for (WeakReference<Object>[] r : registrations) {
            if (r[0].get() == serviceRegistry && r[1].get() == registration) {
                return;
            }
        }
        registrations.add(new WeakReference[] {new WeakReference<Object>(serviceRegistry),
                new WeakReference<Object>(registration)});
        NodeWorkRegistry.register(this);
    }

    @Override
    public String framework() {
        return "discovery";
    }

    @Override
    public void stopTakingWork() {
        int n = 0;
        for (Object[] r : live()) {
            helpers.forObject(r[0]).deregister(r[0], r[1]);
            n++;
        }
        AgentLogger.info("node offline: deregistered " + n + " Spring Cloud service registration(s)");
    }

    @Override
    public void resumeWork() {
        int n = 0;
        for (Object[] r : live()) {
            helpers.forObject(r[0]).register(r[0], r[1]);
            n++;
        }
        AgentLogger.info("node online: registered " + n + " Spring Cloud service registration(s) again");
    }

    private List<Object[]> live() {
        List<Object[]> out = new ArrayList<Object[]>();
        for (WeakReference<Object>[] r : registrations) {
            Object registry = r[0].get();
            Object registration = r[1].get();
            if (registry != null && registration != null && helpers.forObject(registry) != null) {
                out.add(new Object[] {registry, registration});
            }
        }
        return out;
    }

    @Override
    public long inFlight() {
        return 0; // requests are the servlet plugin's; discovery itself runs nothing
    }
}
