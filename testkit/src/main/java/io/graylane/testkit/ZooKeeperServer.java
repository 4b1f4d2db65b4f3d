package io.graylane.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real ZooKeeper (curator-test TestingServer, standalone) in its own JVM, client port on 127.0.0.1,
 * admin server off. Ready once a real client session was established in the server JVM.
 */
public final class ZooKeeperServer extends TestkitServer {

    /** Start timeout; the machine has 2 cores and may be loaded. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int port;

    private ZooKeeperServer(ForkedServer p, double seconds, int port) {
        super(p, seconds, List.of("data"));
        this.port = port;
    }

    /** Starts one on a free port. */
    public static ZooKeeperServer start() {
        return start(0);
    }

    /** Starts one on {@code port} (0 = a free one). */
    public static ZooKeeperServer start(int port) {
        int p = port > 0 ? port : Ports.free();
        Path run = TestkitHome.newRunDir("zookeeper");
        ForkedServer f = ForkedServer.launch("zookeeper", "zookeeper", run,
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dzookeeper.admin.enableServer=false"),
                "io.graylane.testkit.child.ZooKeeperLauncher",
                List.of(String.valueOf(p), run.resolve("data").toString()), List.of());
        f.awaitReady(START_TIMEOUT);
        return new ZooKeeperServer(f, f.secondsSinceLaunch(), p);
    }

    /** {@code 127.0.0.1:port}. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return "ZooKeeper " + connectString();
    }
}
