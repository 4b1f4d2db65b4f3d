package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.http.HttpRouting;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Collections;

/** Hands each supplier to the typed helper of the LoadBalancer in the supplier's class loader. */
final class SupplierHandlers implements HttpRouting.Handler {
    private static final String PKG = SupplierHandlers.class.getPackage().getName() + ".lb";
    static final String ANCHOR = "org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier";

    private final TypedHelpers<SupplierWrapper> helpers;

    SupplierHandlers(GraylanePlugin plugin) {
        helpers = new TypedHelpers<SupplierWrapper>(plugin, SupplierWrapper.class, ANCHOR,
                Collections.singletonList(PKG + "."),
                HelperVersion.of("spring-cloud-loadbalancer 3.1+", PKG + ".LaneSuppliers", ANCHOR,
                        "org.springframework.cloud.client.loadbalancer.Request"));
    }

    @Override
    public Object wrapSupplier(Object supplier) {
        SupplierWrapper w = helpers.forSubtype(supplier);
        return w == null ? supplier : w.wrap(supplier);
    }
}
