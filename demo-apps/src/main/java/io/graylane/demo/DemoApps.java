package io.graylane.demo;

import io.graylane.testkit.Ports;
import io.graylane.testkit.app.AppJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's application JVMs — the LTS JobTracker, C-base, C-gray, B-base, A-base, A-gray, the Spring Boot web tier
 * web-base and web-gray (Nacos discovery) and the Spring Boot gateway calling it over OpenFeign — each started by the
 * testkit's {@link AppJvm} with {@code -javaagent}, its own directory under the demo's work directory, rules from
 * Nacos and a rule cache of its own. The web tier believes the lane header of the nodes on 127.0.0.1 (the gateway);
 * the gateway, facing the clients, believes no lane header and colors by the rules.
 */
final class DemoApps implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(180);
    static final String LTS_CLUSTER = "graylane_demo";

    private final Path work;
    private final Path agentJar;
    private final Path trails;
    private final String dataId;
    private final Consumer<String> say;
    private final List<AppJvm> apps = new ArrayList<>();
    /** The ports LTS opens on every address in each application (it has no bind address setting). */
    private final Map<String, Integer[]> ltsPorts = new HashMap<>();
    private int gatewayPort;

    DemoApps(Path work, Path agentJar, Path trails, String dataId, Consumer<String> say) {
        this.work = work;
        this.agentJar = agentJar;
        this.trails = trails;
        this.dataId = dataId;
        this.say = say;
    }

    int gatewayPort() {
        return gatewayPort;
    }

    /**
     * @param zk ZooKeeper (LTS' registry) as host:port
     * @param jobQueueJdbcUrl the JobTracker's job queue database
     */
    void start(String nacos, String namesrv, String zk, String jobQueueJdbcUrl) throws IOException {
        say.accept("starting the LTS JobTracker, C-base, C-gray, B-base, A-base, A-gray, web-base, web-gray and the"
                + " gateway, each with -javaagent:" + agentJar);
        int jtPort = Ports.free();
        int jtCmdPort = Ports.free();
        launch("jobtracker", "", "", nacos, JobTrackerApp.class, zk, LTS_CLUSTER, String.valueOf(jtPort),
                String.valueOf(jtCmdPort), jobQueueJdbcUrl, work.resolve("jobtracker").resolve("lts-data").toString());
        ltsPorts.put("jobtracker", new Integer[] {jtPort, jtCmdPort});
        String[][] chain = {{"C", "C-base", ""}, {"C", "C-gray", "gray"}, {"B", "B-base", ""},
            {"A", "A-base", ""}, {"A", "A-gray", "gray"}};
        for (String[] c : chain) {
            int ltsCmdPort = Ports.free();
            launch(c[1], c[2], "", nacos, ChainApp.class, c[0], c[1], nacos, namesrv, String.valueOf(Ports.free()),
                    trails.toString(), zk, LTS_CLUSTER, String.valueOf(ltsCmdPort));
            ltsPorts.put(c[1], new Integer[] {ltsCmdPort});
        }
        for (String[] w : new String[][] {{"web-base", ""}, {"web-gray", "gray"}}) {
            launch(w[0], w[1], ",ingress.trusted-cidrs=127.0.0.1/32", nacos, WebApp.class, spring(nacos, Ports.free(),
                    "demo-web", "--demo.instance=" + w[0], "--demo.nacos=" + nacos));
        }
        gatewayPort = Ports.free();
        launch("gateway", "", "", nacos, GatewayApp.class, spring(nacos, gatewayPort, "demo-gateway",
                "--spring.cloud.nacos.discovery.register-enabled=false"));
        for (AppJvm app : apps) {
            try {
                app.awaitReady(START);
            } catch (AssertionError e) {
                throw new IllegalStateException(app.name() + " did not start; see " + app.dir().resolve("console.log")
                        + "\n" + e.getMessage(), e);
            }
            // LTS 1.7.0 binds its remoting and HTTP command ports on every address and offers no bind setting
            app.assertListensOnLoopbackOnly(ltsPorts.getOrDefault(app.name(), new Integer[0]));
            say.accept(app.name() + " ready");
        }
    }

    /** The arguments of a Spring Boot application of the demo: Tomcat and Nacos discovery on 127.0.0.1. */
    private static String[] spring(String nacos, int port, String service, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.application.name=" + service, "--spring.cloud.nacos.discovery.server-addr=" + nacos,
                "--spring.cloud.nacos.discovery.ip=127.0.0.1", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** @param moreAgentArgs more agent arguments, each starting with a comma */
    private void launch(String name, String lane, String moreAgentArgs, String nacos, Class<?> main, String... args)
            throws IOException {
        Path dir = work.resolve(name);
        apps.add(AppJvm.builder(name, main).agentJar(agentJar).workDir(dir).adminEndpoint(false)
                .agentArgs("app=" + name + (lane.isEmpty() ? "" : ",lane=" + lane) + moreAgentArgs
                        + ",rules.nacos.serverAddr=" + nacos
                        + ",rules.nacos.dataId=" + dataId + ",rules.cache=" + dir.resolve("rules-cache.json"))
                .jvmArgs("-Djava.net.preferIPv4Stack=true").args(args).start());
    }

    /** Closes each application's standard input (the apps exit on it), then SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        for (AppJvm app : apps) {
            app.close();
        }
    }
}
