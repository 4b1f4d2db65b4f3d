package io.graylane.refcheck;

import java.nio.file.Path;
import java.util.List;

/**
 * A framework a plugin instruments: the package prefixes that identify its types (internal names) and the versions
 * every reference into it is resolved against (oldest and newest supported, plus any in between worth the time).
 * The class files of version {@code v} are the jars in {@code <ref dir>/<name>-<v>/} (copied there by the pom);
 * {@code anchor} is a type every version has, to prove that directory holds the framework.
 */
record Framework(String name, List<String> prefixes, List<String> versions, String anchor) {

    static final List<Framework> ALL = List.of(
            new Framework("dubbo", List.of("org/apache/dubbo/", "com/alibaba/dubbo/"),
                    List.of("2.7.23", "3.2.19", "3.3.6"), "org/apache/dubbo/rpc/Invocation"),
            new Framework("rocketmq-client", List.of("org/apache/rocketmq/"), List.of("4.9.8", "5.3.3"),
                    "org/apache/rocketmq/client/producer/DefaultMQProducer"),
            new Framework("javax.servlet-api", List.of("javax/servlet/"), List.of("3.1.0", "4.0.1"),
                    "javax/servlet/http/HttpServlet"),
            new Framework("jakarta.servlet-api", List.of("jakarta/servlet/"), List.of("5.0.0", "6.0.0"),
                    "jakarta/servlet/http/HttpServlet"),
            // spring-cloud-commons + spring-cloud-loadbalancer (+ spring-cloud-gateway-server 3.1.8 / 4.1.5): 3.1.x is
            // Spring Cloud 2021.0, 4.1.x is 2023.0
            new Framework("spring-cloud", List.of("org/springframework/cloud/"), List.of("3.1.8", "4.1.4"),
                    "org/springframework/cloud/client/ServiceInstance"),
            // Netflix Ribbon's load balancer (ribbon package of plugin-spring-cloud): 2.2.5 (Spring Cloud Finchley) to 2.3.0
            // (Greenwich, Hoxton)
            new Framework("ribbon", List.of("com/netflix/loadbalancer/"), List.of("2.2.5", "2.3.0"),
                    "com/netflix/loadbalancer/BaseLoadBalancer"),
            // Spring Cloud Alibaba's Ribbon server (NacosServer), 2.2.x line (Hoxton)
            new Framework("spring-cloud-alibaba", List.of("com/alibaba/cloud/"), List.of("2.2.1.RELEASE", "2.2.9.RELEASE"),
                    "com/alibaba/cloud/nacos/ribbon/NacosServer"),
            // what those Spring Cloud lines run with: Spring Framework 5.3 (Boot 2.7) and 6.1 (Boot 3.2)
            new Framework("spring-web", List.of("org/springframework/web/", "org/springframework/http/"),
                    List.of("5.3.39", "6.1.14"), "org/springframework/web/server/ServerWebExchange"),
            // Reactor Netty's HTTP client (plugin-http-clients); before reactor-core, whose prefix also covers it
            new Framework("reactor-netty", List.of("reactor/netty/"), List.of("1.0.39", "1.3.7"),
                    "reactor/netty/http/client/HttpClientInfos"),
            new Framework("reactor-core", List.of("reactor/"), List.of("3.4.34", "3.6.10"),
                    "reactor/core/publisher/Flux"),
            // LTS (Light Task Scheduler): lts-core, lts-jobclient, lts-jobtracker, lts-tasktracker; 1.7.0 is the only
            // version (plugin-lts, docs/lts.md)
            new Framework("lts", List.of("com/github/ltsopensource/"), List.of("1.7.0"),
                    "com/github/ltsopensource/tasktracker/runner/JobRunnerDelegate"),
            // the Nacos naming client (nacos-client, its api and common packages inside): plugin-nacos-naming and the
            // spring-cloud plugin's ServiceInfo helper
            new Framework("nacos-client", List.of("com/alibaba/nacos/"), List.of("2.0.4", "3.1.1"),
                    "com/alibaba/nacos/api/naming/NamingService"),
            // OkHttp 3.x (Java) and 5.x (Kotlin, the Java API kept): plugin-http-clients
            new Framework("okhttp", List.of("okhttp3/"), List.of("3.14.9", "5.5.1"), "okhttp3/OkHttpClient"));

    /** The framework a type (internal name) belongs to, or null for the JDK, graylane and anything else. */
    static Framework owning(String internalName) {
        for (Framework f : ALL) {
            for (String p : f.prefixes) {
                if (internalName.startsWith(p)) {
                    return f;
                }
            }
        }
        return null;
    }

    static Framework named(String name) {
        for (Framework f : ALL) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no framework " + name);
    }

    Path versionDir(Path refDir, String version) {
        return refDir.resolve(name + "-" + version);
    }
}
