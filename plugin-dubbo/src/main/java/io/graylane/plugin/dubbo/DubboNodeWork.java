package io.graylane.plugin.dubbo;

import io.graylane.bootstrap.node.NodeBridge;
import io.graylane.bootstrap.node.WorkGauge;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeWork;
import io.graylane.core.node.NodeWorkRegistry;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Dubbo providers' part of the node lifecycle: offline unregisters every provider URL of every Dubbo runtime that
 * exported a service in this JVM (so consumers stop choosing the node once their registry tells them), online
 * registers them again; the provider calls in flight are those counted at Dubbo's provider-side ContextFilter.
 * Registered with the lifecycle when the first service is exported.
 */
final class DubboNodeWork implements NodeWork, NodeBridge.Handler {
    static final String ANCHOR = "org.apache.dubbo.rpc.model.ApplicationModel";

    private final TypedHelpers<ProviderRegistrations> helpers;
    /** The exported services' classes, one per Dubbo runtime's loader, weakly: an undeployed app goes with its loader. */
    private final Map<ClassLoader, WeakReference<Class<?>>> runtimes =
            Collections.synchronizedMap(new WeakHashMap<ClassLoader, WeakReference<Class<?>>>());

    DubboNodeWork(GraylanePlugin plugin) {
        String pkg = DubboNodeWork.class.getPackage().getName() + ".node.";
        helpers = new TypedHelpers<ProviderRegistrations>(plugin, ProviderRegistrations.class, ANCHOR,
                Collections.singletonList(pkg),
                HelperVersion.of("dubbo 2.7.5+ / 3.x", pkg + "StatedProviderUrls",
                        "org.apache.dubbo.rpc.model.ProviderModel$RegisterStatedURL"));
    }

    @Override
    public void started(Object serviceConfig, Object detail) {
        Class<?> type = serviceConfig.getClass();
        synchronized (runtimes) {
            if (!runtimes.containsKey(type.getClassLoader())) {
                runtimes.put(type.getClassLoader(), new WeakReference<Class<?>>(type));
            }
        }
        NodeWorkRegistry.register(this); // idempotent
    }

    @Override
    public String framework() {
        return "dubbo";
    }

    @Override
    public void stopTakingWork() throws Exception {
        int n = 0;
        for (ProviderRegistrations r : each()) {
            n += r.unregisterAll();
        }
        AgentLogger.info("node offline: dubbo unregistered " + n + " provider registration(s)");
    }

    @Override
    public void resumeWork() throws Exception {
        int n = 0;
        for (ProviderRegistrations r : each()) {
            n += r.registerAll();
        }
        AgentLogger.info("node online: dubbo registered " + n + " provider registration(s) again");
    }

    private java.util.List<ProviderRegistrations> each() {
        java.util.List<ProviderRegistrations> out = new java.util.ArrayList<ProviderRegistrations>();
        java.util.List<WeakReference<Class<?>>> types;
        synchronized (runtimes) {
            types = new java.util.ArrayList<WeakReference<Class<?>>>(runtimes.values());
        }
        for (WeakReference<Class<?>> ref : types) {
            Class<?> t = ref.get();
            ProviderRegistrations r = t == null ? null : helpers.forType(t);
            if (r != null && !out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public long inFlight() {
        return WorkGauge.DUBBO_PROVIDER.inFlight();
    }

    @Override
    public long startedTotal() {
        return WorkGauge.DUBBO_PROVIDER.started();
    }
}
