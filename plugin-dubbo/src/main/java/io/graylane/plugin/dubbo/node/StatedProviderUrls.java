package io.graylane.plugin.dubbo.node;

import io.graylane.plugin.dubbo.ProviderRegistrations;
import org.apache.dubbo.common.extension.ExtensionLoader;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.RegistryFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ProviderModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed helper, defined in the application's class loader: walks the provider models Dubbo keeps, and for each
 * registration it recorded ({@code ProviderModel.RegisterStatedURL}: one per registry, interface-level registries and
 * the application-level {@code service-discovery-registry} alike) unregisters or registers the provider URL with the
 * registry that holds it and records the new state — what Dubbo's own QoS {@code offline}/{@code online} commands do.
 * Uses only API present in 2.7.x (2.7.5+) and 3.x ({@code ApplicationModel.allProviderModels()},
 * {@code ExtensionLoader.getExtensionLoader}: deprecated in 3.x, still there in 3.3). A registration that fails is
 * retried by the next call; the first failure is thrown after every other registration was handled.
 */
public final class StatedProviderUrls implements ProviderRegistrations {
    @Override
    public int unregisterAll() throws Exception {
        return flip(false);
    }

    @Override
    public int registerAll() throws Exception {
        return flip(true);
    }

    @SuppressWarnings("deprecation")
    private static int flip(boolean register) throws Exception {
        RegistryFactory factory = ExtensionLoader.getExtensionLoader(RegistryFactory.class).getAdaptiveExtension();
        List<ProviderModel.RegisterStatedURL> todo = new ArrayList<ProviderModel.RegisterStatedURL>();
        for (ProviderModel provider : ApplicationModel.allProviderModels()) {
            List<ProviderModel.RegisterStatedURL> stated = provider.getStatedUrl();
            if (stated == null) {
                continue;
            }
            for (ProviderModel.RegisterStatedURL s : stated) {
                if (s.isRegistered() != register) {
                    todo.add(s);
                }
            }
        }
        int done = 0;
        Exception first = null;
        for (ProviderModel.RegisterStatedURL s : todo) {
            try {
                Registry registry = factory.getRegistry(s.getRegistryUrl());
                if (register) {
                    registry.register(s.getProviderUrl());
                } else {
                    registry.unregister(s.getProviderUrl());
                }
                s.setRegistered(register);
                done++;
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return done;
    }
}
