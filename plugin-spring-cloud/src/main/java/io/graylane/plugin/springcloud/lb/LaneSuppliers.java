package io.graylane.plugin.springcloud.lb;

import io.graylane.plugin.springcloud.SupplierWrapper;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/** Typed helper (one per application class loader): wraps LoadBalancer instance suppliers. */
public final class LaneSuppliers implements SupplierWrapper {
    @Override
    public Object wrap(Object supplier) {
        if (!(supplier instanceof ServiceInstanceListSupplier) || supplier instanceof LaneInstanceListSupplier) {
            return supplier;
        }
        return new LaneInstanceListSupplier((ServiceInstanceListSupplier) supplier);
    }
}
