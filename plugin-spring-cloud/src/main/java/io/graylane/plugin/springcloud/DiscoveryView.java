package io.graylane.plugin.springcloud;

import io.graylane.core.logging.AgentLogger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Nacos naming client's view of each service this JVM looks up, reduced to a version that changes whenever the
 * service's instances changed (an instance registered or left, its health, weight or metadata changed). The
 * load-balancer wrapper ({@code lb.FreshInstances}) compares it with the version its instance list was read at, so a
 * list cached before a change is not used after it. Keyed by service name (the load balancer's service id); at most
 * {@link #MAX_SERVICES} services are tracked (beyond that a service is left to the load balancer's own cache).
 */
public final class DiscoveryView {
    static final int MAX_SERVICES = 1024;
    private static final AtomicLong CHANGES = new AtomicLong();
    /** "group@@name" → fingerprint of its instances. */
    private static final Map<String, Set<String>> INSTANCES = new ConcurrentHashMap<String, Set<String>>();
    /** service name → version of its last change. */
    private static final Map<String, Long> VERSIONS = new ConcurrentHashMap<String, Long>();

    private DiscoveryView() {
    }

    /**
     * Records the naming client's current instances of {@code group}/{@code name} (one fingerprint per instance);
     * bumps the service's version when they differ from what was recorded before.
     */
    public static void update(String group, String name, Set<String> instances) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (!VERSIONS.containsKey(name) && VERSIONS.size() >= MAX_SERVICES) {
            return;
        }
        String key = group + "@@" + name;
        Set<String> before = INSTANCES.put(key, instances);
        if (before == null || !before.equals(instances)) {
            long v = CHANGES.incrementAndGet();
            VERSIONS.put(name, v);
            AgentLogger.debug("discovery view: " + key + " has " + instances.size() + " instance(s) (version " + v + ")");
        }
    }

    /** The version of the service's last change, or -1 when the naming client has not looked it up. */
    public static long version(String serviceId) {
        Long v = serviceId == null ? null : VERSIONS.get(serviceId);
        return v == null ? -1 : v;
    }

    /** Tests only. */
    static void clear() {
        INSTANCES.clear();
        VERSIONS.clear();
    }
}
