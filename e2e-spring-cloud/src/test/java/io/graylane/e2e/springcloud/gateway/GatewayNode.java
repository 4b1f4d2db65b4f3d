package io.graylane.e2e.springcloud.gateway;

import io.graylane.e2e.springcloud.apps.AppVersions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A Spring Cloud Gateway (WebFlux on Reactor Netty) whose routes come from its command line (e.g. {@code lb://svc-a}).
 * Nothing graylane-specific. Prints {@code READY gateway} once it serves.
 */
@SpringBootApplication
public class GatewayNode {
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        AppVersions.print();
        System.out.println("READY gateway");
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayNode.class, args);
    }
}
