package io.graylane.e2e.hoxton.apps;

import org.springframework.boot.SpringBootVersion;

import java.io.File;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * Prints {@code VERSION <library>=<version>} for Spring Boot, Spring Cloud Commons and Ribbon's load balancer, read
 * from the manifest of the jar the class was loaded from: the test asserts the versions that actually loaded.
 */
public final class AppVersions {
    /** library name, a class of it */
    private static final String[][] LIBRARIES = {
            {"spring-cloud-commons", "org.springframework.cloud.client.ServiceInstance"},
            {"ribbon", "com.netflix.loadbalancer.BaseLoadBalancer"},
    };

    private AppVersions() {
    }

    public static void print() {
        System.out.println("VERSION spring-boot=" + SpringBootVersion.getVersion());
        for (String[] library : LIBRARIES) {
            System.out.println("VERSION " + library[0] + "=" + jarVersion(library[1]));
        }
    }

    static String jarVersion(String className) {
        try {
            Class<?> c = Class.forName(className, false, AppVersions.class.getClassLoader());
            URL jar = c.getProtectionDomain().getCodeSource().getLocation();
            try (JarFile f = new JarFile(new File(jar.toURI()))) {
                String v = f.getManifest().getMainAttributes().getValue("Implementation-Version");
                return v != null ? v : "(no Implementation-Version in " + jar + ")";
            }
        } catch (Exception | LinkageError e) {
            return "(" + e + ")";
        }
    }
}
