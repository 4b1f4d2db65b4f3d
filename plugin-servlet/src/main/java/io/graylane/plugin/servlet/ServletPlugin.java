package io.graylane.plugin.servlet;

import io.graylane.bootstrap.ingress.IngressBridge;
import io.graylane.bootstrap.node.HealthGate;
import io.graylane.core.config.ConfigKey;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * HTTP ingress on servlet containers: every request gets its lane (trusted lane header, rules, or the node's lane)
 * when it enters the container, for the whole request (filters, servlet, what they hand to executors), and again
 * on an async re-dispatch of the same request. javax.servlet (Tomcat 9, Spring Boot 2.x) and jakarta.servlet
 * (Tomcat 10+, Spring Boot 3.x).
 */
public final class ServletPlugin implements GraylanePlugin {
    /** Answered 503 while the node is offline (a load balancer's readiness probe); off when unset. */
    static final ConfigKey HEALTH_PATH = ConfigKey.of("graylane.node.health-path", ConfigKey.Type.STRING, null,
            "request URI (with the context path) answered 503 by the agent while the node is offline or drained");

    @Override
    public String name() {
        return "servlet";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return Collections.singletonList(HEALTH_PATH);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Arrays.<TypeInstrumentation>asList(
                new HttpServletInstrumentation("javax.servlet"),
                new HttpServletInstrumentation("jakarta.servlet"),
                new TomcatFilterChainInstrumentation());
    }

    @Override
    public void start(PluginContext context) {
        IngressColoring coloring = IngressColoring.fromConfig(context.config(), context.nodeLane());
        ServletIngress ingress = new ServletIngress(this, coloring, context.config().get(HEALTH_PATH));
        IngressBridge.install(ingress);
        HealthGate.install(ingress);
        AgentLogger.debug("servlet ingress: " + coloring);
    }
}
