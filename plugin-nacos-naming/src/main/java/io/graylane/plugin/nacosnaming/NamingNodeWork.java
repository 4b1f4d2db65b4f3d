package io.graylane.plugin.nacosnaming;

import io.graylane.bootstrap.http.HttpRouting;
import io.graylane.bootstrap.node.NodeBridge;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.node.NodeWork;
import io.graylane.core.node.NodeWorkRegistry;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The Nacos naming client's part of the node lifecycle: the instances the application registered (and has not taken
 * out again) are deregistered when the node goes offline, so callers stop choosing it once their naming clients see
 * the change, and registered again when it comes online. Registrations are known per naming client (weakly: a client
 * that is gone takes its registrations with it) by group, service and address ({@code ip:port#cluster}), the identity
 * Nacos gives an instance; registering the same address again replaces the entry.
 *
 * <p>The application's own deregistration (or a {@code shutDown()} of the client) forgets the instance, so the node
 * never brings back what the application took out. Spring Cloud Alibaba's discovery registers and deregisters through
 * this client too: whichever of its lifecycle part and this one takes such an instance out first, the other then sees
 * it gone, and online registers it once.
 */
final class NamingNodeWork implements NodeWork {
    static final String ANCHOR = "com.alibaba.nacos.api.naming.NamingService";
    static final String INSTANCE = "com.alibaba.nacos.api.naming.pojo.Instance";
    /** The same key as Spring Cloud registrations; what lane-aware instance choice reads. */
    static final String METADATA_KEY = HttpRouting.METADATA_KEY;
    private static final String PKG = NamingNodeWork.class.getPackage().getName() + ".client.";

    private final TypedHelpers<NamingRegistrations> helpers;
    private final String lane;
    /** naming client → "group@@service#address" → {service, group, instance}; guarded by itself. */
    private final Map<Object, Map<String, Object[]>> registrations = new WeakHashMap<Object, Map<String, Object[]>>();
    /** Set while this class calls the client itself: its own deregistrations are not the application's. */
    private final ThreadLocal<Boolean> lifecycleCall = new ThreadLocal<Boolean>();

    NamingNodeWork(GraylanePlugin plugin, String lane) {
        this.lane = lane;
        helpers = new TypedHelpers<NamingRegistrations>(plugin, NamingRegistrations.class, ANCHOR,
                Collections.singletonList(PKG),
                HelperVersion.of("nacos-client", PKG + "NamingClientRegistrations", ANCHOR, INSTANCE));
    }

    String lane() {
        return lane;
    }

    /** Entry of {@code registerInstance}: the lane into the metadata (gray node), the registration remembered. */
    NodeBridge.Handler registering() {
        return new NodeBridge.Handler() {
            @Override
            public void started(Object namingService, Object detail) {
                Object[] args = (Object[]) detail;
                NamingRegistrations helper = helpers.forObject(namingService);
                if (helper == null || args[2] == null) {
                    return;
                }
                if (lane != null) {
                    helper.addLane(args[2], METADATA_KEY, lane);
                }
                synchronized (registrations) {
                    Map<String, Object[]> of = registrations.get(namingService);
                    if (of == null) {
                        of = new LinkedHashMap<String, Object[]>();
                        registrations.put(namingService, of);
                    }
                    of.put(key(helper, args), new Object[] {args[0], args[1], args[2]});
                }
                NodeWorkRegistry.register(NamingNodeWork.this);
            }
        };
    }

    /** The application deregistered an instance (detail: its arguments) or shut its client down (detail: null). */
    NodeBridge.Handler left() {
        return new NodeBridge.Handler() {
            @Override
            public void started(Object namingService, Object detail) {
                if (lifecycleCall.get() != null) {
                    return;
                }
                synchronized (registrations) {
                    if (detail == null) {
                        registrations.remove(namingService);
                        return;
                    }
                    Map<String, Object[]> of = registrations.get(namingService);
                    NamingRegistrations helper = of == null ? null : helpers.forObject(namingService);
                    if (helper != null && ((Object[]) detail)[2] != null) {
                        of.remove(key(helper, (Object[]) detail));
                    }
                }
            }
        };
    }

    private static String key(NamingRegistrations helper, Object[] args) {
        return args[1] + "@@" + args[0] + "#" + helper.address(args[2]);
    }

    @Override
    public String framework() {
        return "nacos-naming";
    }

    @Override
    public void stopTakingWork() throws Exception {
        int n = call(false);
        AgentLogger.info("node offline: deregistered " + n + " Nacos naming client instance(s)");
    }

    @Override
    public void resumeWork() throws Exception {
        int n = call(true);
        AgentLogger.info("node online: registered " + n + " Nacos naming client instance(s) again");
    }

    /** (De)registers every known instance; tries them all, then fails naming the first failure, if any. */
    private int call(boolean register) throws Exception {
        int n = 0;
        Exception first = null;
        for (Object[] r : snapshot()) {
            NamingRegistrations helper = helpers.forObject(r[0]);
            if (helper == null) {
                continue;
            }
            lifecycleCall.set(Boolean.TRUE);
            try {
                if (register) {
                    helper.register(r[0], (String) r[1], (String) r[2], r[3]);
                } else {
                    helper.deregister(r[0], (String) r[1], (String) r[2], r[3]);
                }
                n++;
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            } finally {
                lifecycleCall.remove();
            }
        }
        if (first != null) {
            throw new Exception((register ? "registering " : "deregistering ") + "Nacos instances: " + n
                    + " done, failed: " + first, first);
        }
        return n;
    }

    /** {naming client, service, group, instance} for every known registration. */
    private List<Object[]> snapshot() {
        List<Object[]> out = new ArrayList<Object[]>();
        synchronized (registrations) {
            for (Map.Entry<Object, Map<String, Object[]>> e : registrations.entrySet()) {
                Object client = e.getKey();
                if (client == null) {
                    continue;
                }
                for (Object[] r : e.getValue().values()) {
                    out.add(new Object[] {client, r[0], r[1], r[2]});
                }
            }
        }
        return out;
    }

    @Override
    public long inFlight() {
        return 0; // requests are the servlet plugin's (or the application's); registration itself runs nothing
    }
}
