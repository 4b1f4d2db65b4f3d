package io.graylane.e2e.dubbo.release;

import io.graylane.e2e.dubbo.apps.ChainNode;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * A provider instance of the rolling restart: {@code EchoProvider <name> <registry>[,<registry>…] <port> <workMillis>}. Each call
 * takes {@code workMillis} (so several are always in flight under load) and answers the instance's name. Nothing here
 * knows about the node lifecycle: the agent does it. Several registries (comma-separated): registered with each. Prints {@code READY} when exported.
 */
public final class EchoProvider {
    public static void main(String[] args) throws Exception {
        String name = args[0];
        String registry = args[1];
        int port = Integer.parseInt(args[2]);
        long workMillis = Long.parseLong(args[3]);
        ApplicationConfig app = new ApplicationConfig("echo-provider");
        app.setQosEnable(false);
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost(ChainNode.LOOPBACK_HOST);
        ServiceConfig<EchoService> service = new ServiceConfig<>();
        service.setInterface(EchoService.class);
        service.setRef(id -> {
            try {
                Thread.sleep(workMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + " interrupted");
            }
            return name;
        });
        java.util.List<RegistryConfig> registries = new java.util.ArrayList<>();
        for (String address : registry.split(",")) {
            registries.add(new RegistryConfig(address));
        }
        DubboBootstrap.getInstance().application(app).registries(registries).protocol(protocol)
                .service(service).start();
        System.out.println("VERSION dubbo=" + org.apache.dubbo.common.Version.getVersion());
        System.out.println("READY " + name);
        System.out.flush();
        Thread.currentThread().join();
    }
}
