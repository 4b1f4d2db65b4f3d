package io.graylane.e2e.springcloud.naming;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.naming.NamingService;

import java.io.InputStream;

/**
 * A plain Java application (no Spring) that registers itself with the Nacos naming client, with nothing
 * graylane-specific: {@code registerInstance(service, ip, port)}, the simplest overload. Prints {@code READY} once
 * registered and runs until its standard input closes.
 *
 * <p>Arguments: Nacos server address, service name, port.
 */
public final class PlainNamingApp {
    private PlainNamingApp() {
    }

    public static void main(String[] args) throws Exception {
        NamingService naming = NacosFactory.createNamingService(args[0]);
        naming.registerInstance(args[1], "127.0.0.1", Integer.parseInt(args[2]));
        System.out.println("naming client from " + NamingService.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath().replaceFirst(".*/", ""));
        System.out.println("READY");
        InputStream in = System.in;
        while (in.read() >= 0) {
            // until the test closes our input
        }
        naming.shutDown();
    }
}
