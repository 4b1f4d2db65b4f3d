package io.graylane.plugin.servlet;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.ingress.IngressBridge;
import io.graylane.bootstrap.node.HealthGate;
import io.graylane.core.node.NodeWorkRegistry;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Collections;

/**
 * The agent side of servlet ingress: hands each request to the typed helper of its servlet API flavour
 * ({@code jakarta.servlet} or {@code javax.servlet}) in the request's own class loader.
 */
final class ServletIngress implements IngressBridge.Handler, HealthGate.Handler {
    private final IngressColoring coloring;
    /** Null: no health path configured. */
    private final String healthPath;
    private final ServletNodeWork nodeWork = new ServletNodeWork();
    private volatile boolean registered;
    private final TypedHelpers<ServletFlavor> jakarta;
    private final TypedHelpers<ServletFlavor> javax;

    ServletIngress(GraylanePlugin plugin, IngressColoring coloring, String healthPath) {
        this.coloring = coloring;
        this.healthPath = healthPath == null || healthPath.trim().isEmpty() ? null : healthPath.trim();
        this.jakarta = flavour(plugin, "jakarta");
        this.javax = flavour(plugin, "javax");
    }

    private static TypedHelpers<ServletFlavor> flavour(GraylanePlugin plugin, String api) {
        String pkg = ServletIngress.class.getPackage().getName() + "." + api;
        String anchor = api + ".servlet.http.HttpServletRequest";
        String label = api + ".servlet";
        return new TypedHelpers<ServletFlavor>(plugin, ServletFlavor.class, anchor,
                Collections.singletonList(pkg + "."),
                HelperVersion.of(label, pkg + "." + (api.equals("javax") ? "Javax" : "Jakarta") + "ServletIngress",
                        anchor));
    }

    @Override
    public LaneSnapshot enter(Object request, Object response) {
        if (!registered) {
            registered = true;
            NodeWorkRegistry.register(nodeWork); // the container serves requests: its part of the node lifecycle
        }
        ServletFlavor helper = flavour(request);
        if (helper == null) {
            return LaneContext.current();
        }
        return helper.enter(coloring, request, response);
    }

    @Override
    public boolean answerOffline(Object request, Object response) throws Throwable {
        if (healthPath == null) {
            return false;
        }
        ServletFlavor helper = flavour(request);
        return helper != null && helper.answerOffline(healthPath, request, response);
    }

    private ServletFlavor flavour(Object request) {
        ServletFlavor helper = jakarta.forSubtype(request);
        return helper != null ? helper : javax.forSubtype(request);
    }
}
