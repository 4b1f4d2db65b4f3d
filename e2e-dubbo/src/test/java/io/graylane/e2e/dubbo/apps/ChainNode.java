package io.graylane.e2e.dubbo.apps;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One Dubbo instance of the chain: {@code ChainNode <name> <A|B|C> <registry> <port> [userTag]}. Registration and
 * discovery modes come from Dubbo's own system properties ({@code dubbo.application.register-mode},
 * {@code dubbo.application.service-discovery.migration}); the same code runs on Dubbo 2.7 and 3.x.
 * A calls B from its own thread pool, B calls C directly, C is the leaf. Nothing here knows about lanes: the node's
 * lane comes from {@code -javaagent:graylane-agent.jar=lane=gray}. Prints {@code READY} when exported.
 */
public final class ChainNode {
    /**
     * 127.0.0.1 written as one 32-bit number. Dubbo treats any host starting with "127." as "no host given": it then
     * binds 0.0.0.0 and registers the machine's address. This spelling passes that check, and the JDK resolves it to
     * 127.0.0.1, so the provider listens on loopback only and registers an address that resolves to loopback.
     */
    static final String LOOPBACK = "2130706433";
    /** {@link #LOOPBACK}, for apps in other packages. */
    public static final String LOOPBACK_HOST = LOOPBACK;
    /** The protocol the providers export: {@code -De2e.protocol=tri} for Triple (Dubbo 3.x), default dubbo. */
    static final String PROTOCOL = System.getProperty("e2e.protocol", "dubbo");

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String role = args[1];
        String registry = args[2];
        int port = Integer.parseInt(args[3]);
        String userTag = args.length > 4 ? args[4] : null;

        ApplicationConfig app = new ApplicationConfig("chain-" + role.toLowerCase());
        app.setQosEnable(false);
        RegistryConfig reg = new RegistryConfig(registry);
        ProtocolConfig protocol = loopbackProtocol(port);

        DubboBootstrap boot = DubboBootstrap.getInstance().application(app).registry(reg).protocol(protocol);
        switch (role) {
            case "A": {
                ReferenceConfig<ServiceB> b = reference(ServiceB.class);
                boot.reference(b);
                ExecutorService pool = Executors.newFixedThreadPool(4);
                ServiceA impl = new ServiceA() {
                    @Override
                    public String call(String id) {
                        String me = Trail.self(name);
                        try {
                            // hand the downstream call to A's own thread pool: the lane must survive it
                            return pool.submit(() -> me + ">" + b.get().call(id)).get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            // message only: Dubbo 3.2 (fastjson2, strict) refuses to deserialize a cause chain holding
                            // java.util.concurrent.ExecutionException
                            throw new IllegalStateException(me + " failed: " + e);
                        }
                    }

                    @Override
                    public String callAsync(String id) {
                        String me = Trail.self(name);
                        Thread caller = Thread.currentThread();
                        try {
                            // the continuation runs where the response completes the future (usually a Dubbo
                            // thread) and calls B again: both calls must be in the lane
                            return b.get().callAsync(id).thenApply(r -> me + ">" + r + " ~" + Trail.self(
                                    Thread.currentThread() == caller ? "caller" : "callback")
                                    + ">" + b.get().call(id)).get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            // message only: Dubbo 3.2 (fastjson2, strict) refuses to deserialize a cause chain holding
                            // java.util.concurrent.ExecutionException
                            throw new IllegalStateException(me + " failed: " + e);
                        }
                    }
                };
                boot.service(service(ServiceA.class, impl, userTag));
                break;
            }
            case "B": {
                ReferenceConfig<ServiceC> c = reference(ServiceC.class);
                boot.reference(c);
                ServiceB impl = new ServiceB() {
                    @Override
                    public String call(String id) {
                        return Trail.self(name) + ">" + c.get().call(id);
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<String> callAsync(String id) {
                        return java.util.concurrent.CompletableFuture.completedFuture(call(id));
                    }
                };
                boot.service(service(ServiceB.class, impl, userTag));
                break;
            }
            case "C": {
                ServiceC impl = id -> Trail.self(name);
                boot.service(service(ServiceC.class, impl, userTag));
                break;
            }
            default:
                throw new IllegalArgumentException("role " + role);
        }
        boot.start();
        System.out.println("VERSION dubbo=" + org.apache.dubbo.common.Version.getVersion());
        System.out.println("READY " + name);
        System.out.flush();
        Thread.currentThread().join();
    }

    static <T> ServiceConfig<T> service(Class<T> type, T impl, String userTag) {
        ServiceConfig<T> s = new ServiceConfig<>();
        s.setInterface(type);
        s.setRef(impl);
        if (userTag != null && !userTag.isEmpty()) {
            s.setTag(userTag);
        }
        return s;
    }

    static <T> ReferenceConfig<T> reference(Class<T> type) {
        ReferenceConfig<T> r = new ReferenceConfig<>();
        r.setInterface(type);
        r.setCheck(false);
        r.setTimeout(3000);
        r.setRetries(2);
        return r;
    }

    /**
     * The protocol ({@link #PROTOCOL}) on 127.0.0.1 only ({@code port} -1: any free port). Also given to consumer-only apps: Dubbo
     * 3.2 exports its MetadataService there, and without a host it would listen on 0.0.0.0:20880.
     */
    public static ProtocolConfig loopbackProtocolFor(int port) {
        return loopbackProtocol(port);
    }

    static ProtocolConfig loopbackProtocol(int port) {
        ProtocolConfig protocol = new ProtocolConfig(PROTOCOL, port);
        protocol.setHost(LOOPBACK);
        return protocol;
    }
}
