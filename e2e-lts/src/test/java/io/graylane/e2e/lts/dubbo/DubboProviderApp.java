package io.graylane.e2e.lts.dubbo;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * A Dubbo 3.3 provider of {@link ServedBy}: {@code DubboProviderApp <name> <registry URL> <port>}, answering its name.
 * Knows nothing of lanes: a gray provider is this application started with {@code -javaagent:...=lane=gray}. Prints
 * "READY provider" once exported; stops when stdin closes.
 */
public final class DubboProviderApp {
    /** 127.0.0.1 as one number: Dubbo takes a host starting with "127." as none given and would bind 0.0.0.0. */
    static final String LOOPBACK = "2130706433";

    public static void main(String[] a) throws Exception {
        String name = a[0];
        ApplicationConfig app = new ApplicationConfig("lts-dubbo-provider");
        app.setQosEnable(false);
        ServiceConfig<ServedBy> service = new ServiceConfig<>();
        service.setInterface(ServedBy.class);
        service.setRef(caller -> name);
        DubboBootstrap boot = DubboBootstrap.getInstance().application(app).registry(new RegistryConfig(a[1]))
                .protocol(protocol(Integer.parseInt(a[2]))).service(service);
        boot.start();
        System.out.println("VERSION dubbo=" + org.apache.dubbo.common.Version.getVersion());
        System.out.println("READY provider");
        System.out.flush();
        while (System.in.read() >= 0) {
            // the test closes stdin to stop the node
        }
        Runtime.getRuntime().halt(0);
    }

    static ProtocolConfig protocol(int port) {
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost(LOOPBACK);
        return protocol;
    }

    private DubboProviderApp() {
    }
}
