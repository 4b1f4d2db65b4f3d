package io.graylane.plugin.servlet;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.ingress.IngressBridge;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Collections;

/**
 * The agent side of servlet ingress: hands each request to the typed helper of its servlet API flavour
 * ({@code jakarta.servlet} or {@code javax.servlet}) in the request's own class loader.
 */
final class ServletIngress implements IngressBridge.Handler {
    private final IngressColoring coloring;
    private final TypedHelpers<ServletFlavor> jakarta;
    private final TypedHelpers<ServletFlavor> javax;

    ServletIngress(GraylanePlugin plugin, IngressColoring coloring) {
        this.coloring = coloring;
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
        ServletFlavor helper = jakarta.forSubtype(request);
        if (helper == null) {
            helper = javax.forSubtype(request);
        }
        if (helper == null) {
            return LaneContext.current();
        }
        return helper.enter(coloring, request, response);
    }
}
