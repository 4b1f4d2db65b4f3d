package io.graylane.e2e.springcloud.release;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/**
 * {@link ReleaseB} deployed as a WAR in a standalone servlet container (Tomcat's {@code webapps/}): the container finds
 * this initializer ({@code SpringServletContainerInitializer}) and starts the same application, plus
 * {@link ContainerServiceRegistration}, which registers it in service discovery. Its settings come from system
 * properties ({@code CATALINA_OPTS}), as there is no command line.
 */
public class ReleaseBWar extends SpringBootServletInitializer {
    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
        return builder.sources(ReleaseB.class, ContainerServiceRegistration.class);
    }
}
