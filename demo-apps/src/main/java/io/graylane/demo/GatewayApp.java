package io.graylane.demo;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP entry: a plain Spring Boot (Tomcat) web application calling service A over Dubbo.
 * {@code GET /order?id=<requestId>&userId=..&region=..&appVersion=..} returns the trail of the instances that served it.
 * Run with {@code --server.port=P --demo.nacos=host:port}.
 */
@SpringBootApplication
@RestController
public class GatewayApp {
    private final ReferenceConfig<OrderService> orders;

    public GatewayApp(org.springframework.core.env.Environment env) {
        ApplicationConfig app = new ApplicationConfig("demo-gateway");
        app.setQosEnable(false);
        orders = ChainApp.reference(OrderService.class);
        DubboBootstrap.getInstance().application(app)
                .registry(new RegistryConfig("nacos://" + env.getRequiredProperty("demo.nacos")))
                .protocol(ChainApp.loopbackProtocol(-1)) // Dubbo 3.2+ may export its MetadataService: loopback only
                .reference(orders).start();
    }

    @GetMapping("/order")
    public String order(@RequestParam("id") String id) {
        return Trail.self("gateway") + ">" + orders.get().place(id);
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayApp.class, args);
        System.out.println("READY gateway");
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // stop when the runner goes away (its end of our stdin closes)
            }
        } catch (java.io.IOException ignored) {
            // same
        }
        System.exit(0);
    }
}
