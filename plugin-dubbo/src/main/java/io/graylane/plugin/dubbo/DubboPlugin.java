package io.graylane.plugin.dubbo;

import io.graylane.bootstrap.node.NodeBridge;
import io.graylane.bootstrap.rpc.RpcLanes;
import io.graylane.core.config.ConfigKey;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Full-link lanes over Apache Dubbo 2.7.x and 3.x, on top of Dubbo's own tag routing:
 * <ul>
 *   <li>a node whose {@code graylane.lane} is set exports its services with {@code dubbo.tag=<lane>} (unless the
 *   application set a tag itself); its consumer side stays untagged;</li>
 *   <li>provider side: the inbound {@code dubbo.tag} is read before Dubbo's ContextFilter strips it and becomes the
 *   lane of the invocation;</li>
 *   <li>consumer side: every outbound call carries the current lane as {@code dubbo.tag} (never overwriting one the
 *   application set), plus {@code dubbo.force.tag=true} in strict mode;</li>
 *   <li>an async call's dependent stages run in the call's lane (dubbo protocol and Triple);</li>
 *   <li>node lifecycle: offline unregisters the node's providers, online registers them again; provider calls in
 *   flight are counted ({@link DubboNodeWork}).</li>
 * </ul>
 */
public final class DubboPlugin implements GraylanePlugin {
    /** Fail a hop that has no instance of the lane instead of using baseline. */
    static final ConfigKey STRICT = ConfigKey.of("graylane.dubbo.strict", ConfigKey.Type.BOOLEAN, "false",
            "true: a Dubbo hop with no instance of the request's lane fails (dubbo.force.tag) instead of using baseline");

    @Override
    public String name() {
        return "dubbo";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList("org.apache.dubbo.rpc.cluster.support.AbstractClusterInvoker");
    }

    @Override
    public List<ConfigKey> configKeys() {
        return Collections.singletonList(STRICT);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Arrays.<TypeInstrumentation>asList(
                new ServiceConfigInstrumentation(),
                new ContextFilterInstrumentation(),
                new ClusterInvokerInstrumentation(),
                new ProtocolInvokerInstrumentation(),
                new TagRouter27Instrumentation(),
                new ResponseFutureInstrumentation(),
                new TripleResponseInstrumentation());
    }

    @Override
    public void start(PluginContext context) {
        String lane = context.nodeLane();
        boolean strict = context.config().getBoolean(STRICT);
        RpcLanes.configure(lane, strict);
        NodeBridge.install("dubbo", new DubboNodeWork(this));
        AgentLogger.info("dubbo: " + (lane == null || lane.isEmpty() ? "baseline node (providers untagged)"
                : "providers tagged dubbo.tag=" + lane + " unless the application set a tag")
                + (strict ? "; strict: a hop without an instance of the lane fails" : "; a hop without an instance of"
                + " the lane falls back to baseline"));
    }
}
