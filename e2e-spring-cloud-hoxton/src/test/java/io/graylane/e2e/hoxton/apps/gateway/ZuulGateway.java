package io.graylane.e2e.hoxton.apps.gateway;

import io.graylane.e2e.hoxton.apps.AppVersions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.netflix.zuul.EnableZuulProxy;
import org.springframework.context.event.EventListener;

/** A Zuul 1 gateway (servlet, routes through Ribbon); its routes come from the command line. Prints {@code READY}. */
@SpringBootApplication
@EnableZuulProxy
public class ZuulGateway {
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        AppVersions.print();
        System.out.println("READY gateway");
    }

    public static void main(String[] args) {
        SpringApplication.run(ZuulGateway.class, args);
    }
}
