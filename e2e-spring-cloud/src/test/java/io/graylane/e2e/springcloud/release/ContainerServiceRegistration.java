package io.graylane.e2e.springcloud.release;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.context.event.EventListener;

/**
 * Service registration for an application deployed as a WAR in an external servlet container, as a team writes it:
 * Spring Cloud's auto registration starts on {@code WebServerInitializedEvent}, which only an embedded web server
 * publishes, so in a standalone Tomcat the application would never register. Once the application is ready this starts
 * the auto registration itself; Spring Cloud Alibaba registers the port {@code spring.cloud.nacos.discovery.port} (the
 * Tomcat connector's, set by the deployment), and deregisters when the container stops the application, as with the
 * embedded server. Tomcat binds its connector before it deploys the applications ({@code bindOnInit}), so a caller that
 * picks the instance at once waits in the accept queue for the connector to start instead of being refused.
 * Not a component: only the WAR ({@link ReleaseBWar}) adds it.
 */
public class ContainerServiceRegistration {
    @Autowired
    AbstractAutoServiceRegistration<?> autoRegistration;

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        autoRegistration.start();
        System.out.println("REGISTERED in service discovery from the container");
    }
}
