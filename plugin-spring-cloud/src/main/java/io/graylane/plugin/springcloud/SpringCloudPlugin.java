package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.node.NodeBridge;
import io.graylane.bootstrap.http.DiscoveryUpdates;
import io.graylane.bootstrap.http.HttpRouting;
import io.graylane.bootstrap.http.ReactiveHttp;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.config.ConfigKey;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * HTTP lanes for Spring Cloud: a node of a lane registers with Nacos discovery (Spring Cloud Alibaba) with
 * {@code graylane.lane=<lane>} in its instance metadata; Spring Cloud LoadBalancer's instance suppliers are wrapped so
 * that a request in lane L gets the instances of L when there are any, else the baseline ones (strict: none), and a
 * request without a lane only baseline instances. Covers {@code @LoadBalanced RestTemplate}, OpenFeign and WebClient,
 * which all choose through the LoadBalancer. Reactive ingress: Spring WebFlux exchanges (Spring Cloud Gateway) are colored
 * like servlet requests, the lane kept in the exchange and its Reactor Context, and the gateway's downstream requests
 * carry the lane header.
 */
public final class SpringCloudPlugin implements GraylanePlugin {
    static final ConfigKey STRICT = ConfigKey.of("graylane.http.strict", ConfigKey.Type.BOOLEAN, "false",
            "true: a load-balanced HTTP call in a lane with no instance of that lane fails instead of using baseline");

    @Override
    public String name() {
        return "spring-cloud";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList("org.springframework.cloud.client.ServiceInstance");
    }

    @Override
    public List<ConfigKey> configKeys() {
        return Collections.singletonList(STRICT);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Arrays.<TypeInstrumentation>asList(new NacosRegistryInstrumentation(),
                new NacosServiceInfoInstrumentation(),
                new InstanceSupplierBuilderInstrumentation(), new WebHandlerInstrumentation(),
                new GatewayHeadersInstrumentation(), WebClientInstrumentation.builder(),
                WebClientInstrumentation.exchange());
    }

    @Override
    public void start(PluginContext context) {
        boolean strict = context.config().getBoolean(STRICT);
        LaneSettings.install(strict);
        HttpRouting.install(new SupplierHandlers(this), context.nodeLane());
        IngressColoring coloring = IngressColoring.fromConfig(context.config(), context.nodeLane());
        ReactiveHttp.install(new ReactiveLanes(this, coloring));
        NodeBridge.install("spring-cloud", new DiscoveryNodeWork(this));
        DiscoveryUpdates.install(new NacosServiceInfoHandler(this));
        AgentLogger.debug("spring-cloud: " + (context.nodeLane().isEmpty() ? "baseline node"
                : "registers with metadata " + HttpRouting.METADATA_KEY + "=" + context.nodeLane())
                + (strict ? "; strict" : ""));
    }
}
