package io.graylane.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP entry: a plain Spring Boot (Tomcat) web application calling the web tier ({@code demo-web} in Nacos
 * discovery: web-base, web-gray) over OpenFeign, which Spring Cloud LoadBalancer routes.
 * {@code GET /order?id=<requestId>&userId=..&region=..&appVersion=..} returns the trail of the instances that served
 * it. Run with {@code --server.port=P --spring.cloud.nacos.discovery.server-addr=host:port}.
 */
// no component scan: the gateway and the web tier share this package, each is its own application
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = GatewayApp.Web.class)
@RestController
public class GatewayApp {
    /** The web tier, as OpenFeign sees it: only the request id goes on (the user's attributes stay at the edge). */
    @FeignClient(name = "demo-web")
    public interface Web {
        @GetMapping("/order")
        String order(@RequestParam("id") String id);
    }

    private final Web web;

    public GatewayApp(Web web) {
        this.web = web;
    }

    @GetMapping("/order")
    public String order(@RequestParam("id") String id) {
        return Trail.self("gateway") + ">" + web.order(id);
    }

    public static void main(String[] args) {
        run(GatewayApp.class, args);
        serveUntilStdinCloses("READY gateway");
    }

    /** Starts the Spring Boot application; answers its {@code demo.instance} (or "gateway"). */
    static String run(Class<?> app, String[] args) {
        return SpringApplication.run(app, args).getEnvironment().getProperty("demo.instance", "gateway");
    }

    /** Prints the ready line, then serves until the runner goes away (its end of our stdin closes). */
    static void serveUntilStdinCloses(String ready) {
        System.out.println(ready);
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // ignore input
            }
        } catch (java.io.IOException ignored) {
            // same
        }
        System.exit(0);
    }
}
