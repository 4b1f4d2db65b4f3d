package io.graylane.plugin.springcloud;

/** What the plugin asks of its typed helper (one per application class loader): wrap an instance supplier. */
public interface SupplierWrapper {
    /** A lane-aware {@code ServiceInstanceListSupplier} around {@code supplier} (already wrapped: itself). */
    Object wrap(Object supplier);
}
