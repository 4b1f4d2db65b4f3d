package io.graylane.e2e.springcloud.release;

import org.springframework.beans.factory.annotation.Autowired;
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
 * The B of the rolling restart (service {@code svc-b}): {@code GET /chain} takes {@code --work-ms} (so requests are
 * always in flight on it), then calls C ({@code svc-c}) with a {@code @LoadBalanced RestTemplate} and answers
 * {@code <instance>><C's answer>}. Its own package, so no other application of the module scans it. Nothing
 * graylane-specific. Prints {@code READY} once it serves.
 */
@SpringBootApplication
@RestController
public class ReleaseB {
    @Value("${instance}")
    String instance;
    @Value("${work-ms:20}")
    long workMillis;
    @Autowired
    RestTemplate rest;

    @Bean
    @LoadBalanced
    static RestTemplate restTemplate() {
        return new RestTemplate();
    }

    @GetMapping("/chain")
    String chain() throws InterruptedException {
        Thread.sleep(workMillis);
        return instance + ">" + rest.getForObject("http://svc-c/chain", String.class);
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        System.out.println("VERSION spring-boot=" + org.springframework.boot.SpringBootVersion.getVersion());
        System.out.println("READY " + instance);
    }

    public static void main(String[] args) {
        SpringApplication.run(ReleaseB.class, args);
    }
}
