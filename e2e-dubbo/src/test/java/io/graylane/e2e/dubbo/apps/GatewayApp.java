package io.graylane.e2e.dubbo.apps;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.Callable;

/**
 * The HTTP entry: a Spring Boot 3 (Tomcat 10, jakarta.servlet) app whose {@code /call} calls A over Dubbo.
 * {@code /async} does the same from Spring MVC's async Callable support (another thread, then a re-dispatch).
 * Args: {@code <http port> <registry>}.
 */
@SpringBootApplication
@RestController
public class GatewayApp {

    public static void main(String[] args) {
        String registry = args[1];
        ApplicationConfig dubboApp = new ApplicationConfig("gateway");
        dubboApp.setQosEnable(false);
        ReferenceConfig<ServiceA> ref = ChainNode.reference(ServiceA.class);
        DubboBootstrap.getInstance().application(dubboApp).registry(new RegistryConfig(registry))
                .protocol(ChainNode.loopbackProtocol(-1)).reference(ref).start();
        a = ref.get();
        SpringApplication app = new SpringApplication(GatewayApp.class);
        app.setDefaultProperties(java.util.Map.of(
                "server.port", args[0],
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                // error bodies name the cause (the strict-hop test checks why a call failed)
                "server.error.include-message", "always",
                "logging.level.root", "WARN"));
        app.run(args);
        System.out.println("VERSION dubbo=" + org.apache.dubbo.common.Version.getVersion());
        System.out.println("READY gateway");
        System.out.flush();
    }

    private static ServiceA a;

    @GetMapping("/call")
    public String call(@RequestParam("id") String id) {
        return Trail.self("gw") + ">" + a.call(id);
    }

    private static final java.util.Map<Integer, ServiceA> DIRECT = new java.util.concurrent.ConcurrentHashMap<>();

    /** Calls the A instance listening on {@code port} directly (no registry, no routing): an untagged call. */
    @GetMapping("/direct")
    public String direct(@RequestParam("port") int port) {
        ServiceA direct = DIRECT.computeIfAbsent(port, p -> {
            ReferenceConfig<ServiceA> ref = ChainNode.reference(ServiceA.class);
            ref.setUrl("dubbo://" + ChainNode.LOOPBACK + ":" + p); // Dubbo dials the machine address for 127.x
            return ref.get();
        });
        return Trail.self("gw") + ">" + direct.call("direct");
    }

    /** A request that takes {@code ms} milliseconds (node lifecycle: work in flight). */
    @GetMapping("/slow")
    public String slow(@RequestParam("ms") long ms) throws InterruptedException {
        Thread.sleep(ms);
        return "slept " + ms;
    }

    @GetMapping("/callAsync")
    public String callAsync(@RequestParam("id") String id) {
        return Trail.self("gw") + ">" + a.callAsync(id);
    }

    @GetMapping("/async")
    public Callable<String> async(@RequestParam("id") String id) {
        return () -> Trail.self("gw-async") + ">" + a.call(id);
    }
}
