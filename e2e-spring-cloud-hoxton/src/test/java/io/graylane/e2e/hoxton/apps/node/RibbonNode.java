package io.graylane.e2e.hoxton.apps.node;

import io.graylane.e2e.hoxton.apps.AppVersions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * A or C by {@code --role}: A calls C with a {@code @LoadBalanced RestTemplate} on {@code /chain} and with OpenFeign
 * on {@code /chain-feign} (both on Ribbon in Spring Cloud Hoxton), C answers. Each answers {@code <instance>} followed by
 * what the next hop answered, e.g. {@code A-gray>C-gray}. Nothing graylane-specific. Prints {@code READY} once it serves.
 */
@SpringBootApplication
@EnableFeignClients(clients = RibbonNode.CClient.class)
@RestController
public class RibbonNode {
    @FeignClient(name = "svc-c")
    public interface CClient {
        @GetMapping("/chain")
        String chain();
    }

    @Value("${role}")
    String role;
    @Value("${instance}")
    String instance;
    @Autowired
    RestTemplate rest;
    @Autowired
    CClient c;

    @Bean
    @LoadBalanced
    static RestTemplate restTemplate() {
        return new RestTemplate();
    }

    @GetMapping("/chain")
    String chain() {
        return "A".equals(role) ? instance + ">" + rest.getForObject("http://svc-c/chain", String.class) : instance;
    }

    @GetMapping("/chain-feign")
    String chainOverFeign() {
        return "A".equals(role) ? instance + ">" + c.chain() : instance;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        AppVersions.print();
        System.out.println("READY " + instance);
    }

    public static void main(String[] args) {
        SpringApplication.run(RibbonNode.class, args);
    }
}
