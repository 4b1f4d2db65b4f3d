package io.graylane.plugin.dubbo;

/**
 * The providers a Dubbo runtime (one application class loader) registered: taken out of and put back into their
 * registries, interface-level and application-level alike. Implemented by a typed helper in that loader.
 */
public interface ProviderRegistrations {
    /** Unregisters every provider URL that is registered now; returns how many. */
    int unregisterAll() throws Exception;

    /** Registers again every provider URL that is not registered now; returns how many. */
    int registerAll() throws Exception;
}
