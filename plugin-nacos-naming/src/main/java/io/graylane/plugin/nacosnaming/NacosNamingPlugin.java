package io.graylane.plugin.nacosnaming;

import io.graylane.bootstrap.node.NodeBridge;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Registrations made with the plain Nacos naming client ({@code NamingService#registerInstance}, every overload): a
 * node of lane L registers its instances with {@code graylane.lane=L} in the instance metadata (a value the application
 * set itself is kept; baseline nodes register unchanged), and the node lifecycle deregisters them when the node goes
 * offline and registers them again when it comes online. Spring Cloud Alibaba's Nacos discovery registers through the
 * same client, so its registrations get the same treatment (see {@link NamingNodeWork} for how the two stay single).
 */
public final class NacosNamingPlugin implements GraylanePlugin {
    /** {@link NodeBridge} key: an instance is being registered (detail: service name, group name, instance). */
    static final String REGISTERING = "nacos-naming";
    /**
     * {@link NodeBridge} key: the application took an instance out of Nacos itself, or its registration failed (detail:
     * service name, group name, instance), or it shut the client down (detail: null).
     */
    static final String LEFT = "nacos-naming-left";

    @Override
    public String name() {
        return "nacos-naming";
    }

    @Override
    public List<String> witnessClasses() {
        return Arrays.asList(NamingNodeWork.ANCHOR, NamingNodeWork.INSTANCE);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Collections.<TypeInstrumentation>singletonList(new NamingServiceInstrumentation());
    }

    @Override
    public void start(PluginContext context) {
        String lane = context.nodeLane();
        NamingNodeWork work = new NamingNodeWork(this, lane == null || lane.isEmpty() ? null : lane);
        NodeBridge.install(REGISTERING, work.registering());
        NodeBridge.install(LEFT, work.left());
        AgentLogger.debug("nacos-naming: " + (work.lane() == null ? "baseline node, registrations unchanged"
                : "registrations get metadata " + NamingNodeWork.METADATA_KEY + "=" + work.lane()));
    }
}
