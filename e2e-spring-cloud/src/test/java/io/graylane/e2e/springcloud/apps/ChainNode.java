package io.graylane.e2e.springcloud.apps;

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
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One node of the chain A → B → C, by {@code --role}: A calls B with a {@code @LoadBalanced RestTemplate} on
 * {@code /chain} and with a {@code @LoadBalanced WebClient} (blocking on the request thread) on {@code /chain-wc}, B
 * calls C with OpenFeign, C answers. Each answers {@code <instance>} followed by what the next hop answered, e.g.
 * {@code A-base>B-gray>C-gray}. Nothing graylane-specific: the lane comes from the agent. Prints {@code READY} once
 * it serves.
 */
@SpringBootApplication
@EnableFeignClients(clients = ChainNode.CClient.class)
@RestController
public class ChainNode {
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
    @Autowired
    WebClient.Builder webClients;

    @Bean
    @LoadBalanced
    static RestTemplate restTemplate() {
        return new RestTemplate();
    }

    @Bean
    @LoadBalanced
    static WebClient.Builder webClientBuilder() {
        return WebClient.builder();
    }

    @GetMapping("/chain-wc")
    String chainOverWebClient() {
        if (!"A".equals(role)) {
            return chain();
        }
        return instance + ">" + webClients.build().get().uri("http://svc-b/chain").retrieve().bodyToMono(String.class)
                .block();
    }

    @GetMapping("/chain")
    String chain() {
        switch (role) {
            case "A":
                return instance + ">" + rest.getForObject("http://svc-b/chain", String.class);
            case "B":
                return instance + ">" + c.chain();
            default:
                return instance;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        AppVersions.print();
        System.out.println("READY " + instance);
    }

    public static void main(String[] args) {
        SpringApplication.run(ChainNode.class, args);
    }
}
