package io.graylane.demo;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web tier behind the gateway: a plain Spring Boot (Tomcat) application registered in Nacos discovery (Spring Cloud
 * Alibaba) as {@code demo-web}, calling service A over Dubbo. {@code GET /order?id=<requestId>} returns the trail of
 * the instances that served it. Run as web-base and web-gray ({@code -javaagent:...=lane=gray} is the only
 * difference) with {@code --demo.instance=web-base --demo.nacos=host:port} and the discovery settings.
 */
// no component scan: the gateway and the web tier share this package, each is its own application
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class WebApp {
    private final ReferenceConfig<OrderService> orders;
    private final String instance;

    public WebApp(Environment env) {
        instance = env.getRequiredProperty("demo.instance");
        ApplicationConfig app = new ApplicationConfig("demo-web-rpc");
        app.setQosEnable(false);
        orders = ChainApp.reference(OrderService.class);
        DubboBootstrap.getInstance().application(app)
                .registry(new RegistryConfig("nacos://" + env.getRequiredProperty("demo.nacos")))
                .protocol(ChainApp.loopbackProtocol(-1)) // Dubbo 3.2+ may export its MetadataService: loopback only
                .reference(orders).start();
    }

    @GetMapping("/order")
    public String order(@RequestParam("id") String id) {
        return Trail.self(instance) + ">" + orders.get().place(id);
    }

    public static void main(String[] args) {
        String instance = GatewayApp.run(WebApp.class, args);
        GatewayApp.serveUntilStdinCloses("READY " + instance);
    }
}
