package io.graylane.bench.http.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The edge: Spring Cloud Gateway (WebFlux on Reactor Netty), one route {@code /** → lb://svc-a}, svc-a's instance
 * given by bench/http-overhead.sh as a SimpleDiscoveryClient property. No code of its own besides this class.
 * Prints {@code READY gateway} once it serves.
 */
@SpringBootApplication
public class GatewayMain {
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        System.out.println("READY gateway");
        System.out.flush();
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayMain.class, args);
    }
}
