package io.graylane.bench.dubbo;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * {@code BenchNode <letter> <port> [downstreamPort]}: exports {@link Hop} on {@code port} (no registry) and, when a
 * downstream port is given, calls the next hop over a direct dubbo:// URL. Prints READY once the chain below it answers.
 */
public final class BenchNode {
    private static volatile Hop downstream;

    public static void main(String[] args) throws Exception {
        String letter = args[0];
        int port = Integer.parseInt(args[1]);
        ApplicationConfig app = new ApplicationConfig("bench-" + letter);
        app.setQosEnable(false);
        DubboBootstrap boot = DubboBootstrap.getInstance().application(app)
                .registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE)).protocol(loopbackProtocol(port));
        ReferenceConfig<Hop> next = args.length > 2 ? reference(Integer.parseInt(args[2])) : null;
        if (next != null) {
            boot.reference(next);
        }
        Hop impl = next == null ? p -> p + letter : p -> downstream.call(p + letter);
        ServiceConfig<Hop> s = new ServiceConfig<>();
        s.setInterface(Hop.class);
        s.setRef(impl);
        boot.service(s).start();
        if (next != null) {
            downstream = next.get();
            // READY only once the rest of the chain answers: a call measured later never meets a connection that is
            // still being established (Dubbo marks an invoker whose first connect failed unavailable until its
            // reconnect task runs, and fails calls meanwhile)
            BenchClient.awaitAnswer(downstream, "");
        }
        System.out.println("READY " + letter);
        System.out.flush();
        Thread.currentThread().join();
    }

    static ReferenceConfig<Hop> reference(int port) {
        ReferenceConfig<Hop> r = new ReferenceConfig<>();
        r.setInterface(Hop.class);
        r.setUrl("dubbo://2130706433:" + port); // 127.0.0.1 (Dubbo dials the machine address for "127.x")
        r.setCheck(false);
        r.setTimeout(10_000);
        r.setRetries(0);
        return r;
    }

    /** The dubbo protocol on 127.0.0.1 only ("127." hosts make Dubbo bind 0.0.0.0; this spelling of it does not). */
    static ProtocolConfig loopbackProtocol(int port) {
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost("2130706433");
        return protocol;
    }
}
