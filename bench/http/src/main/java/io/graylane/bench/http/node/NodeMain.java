package io.graylane.bench.http.node;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * A or B of the chain (Spring MVC on Tomcat), by {@code --role}: {@code GET /hop} on A calls B's {@code /hop} with a
 * {@code @LoadBalanced RestTemplate} ({@code http://svc-b/hop}, svc-b's instance a SimpleDiscoveryClient property) and
 * answers {@code A>} followed by B's answer; B answers {@code B}. Prints {@code READY <role>} once it serves.
 */
@SpringBootApplication
@RestController
public class NodeMain {
    @Value("${role}")
    String role;
    private final RestTemplate rest;

    public NodeMain(RestTemplate rest) {
        this.rest = rest;
    }

    @Bean
    @LoadBalanced
    static RestTemplate restTemplate() {
        return new RestTemplate();
    }

    @GetMapping("/hop")
    String hop() {
        return "A".equals(role) ? "A>" + rest.getForObject("http://svc-b/hop", String.class) : role;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        System.out.println("READY " + role);
        System.out.flush();
    }

    public static void main(String[] args) {
        SpringApplication.run(NodeMain.class, args);
    }
}
