package io.graylane.rules.nacos;

import io.graylane.rules.RuleHolder;
import io.graylane.rules.source.NacosRuleSource;
import io.graylane.rules.source.NacosSettings;
import io.graylane.testkit.NacosServer;
import io.graylane.testkit.Ports;
import io.graylane.testkit.Testkit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first rule document must be in force when the source's {@code start()} returns even when the Nacos client's
 * gRPC connection is slow — seen on this project's own Spring Boot nodes, where a cold, busy JVM needed 7–16 s before
 * the client's first answer. Here the gRPC path is made impossible rather than slow: the source talks to a plain TCP
 * relay in front of the real Nacos' HTTP port, and nothing listens on the relay port + 1000 where the client looks
 * for gRPC. Before the HTTP first read existed, {@code start()} returned after its 3 s wait with no rules (version "").
 */
class NacosFirstReadIT {
    private static final String GROUP = "GRAYLANE";

    @Test
    void firstDocumentIsInForceWhenStartReturnsWithoutTheClientsGrpcConnection() throws Exception {
        Path dir = Paths.get(System.getProperty("graylane.it.dir", "target/nacos-it")).resolve("first-read-" + UUID.randomUUID());
        Files.createDirectories(dir);
        System.setProperty("JM.LOG.PATH", dir.resolve("nacos-logs").toString());
        System.setProperty("JM.SNAPSHOT.PATH", dir.resolve("nacos-snapshot").toString());
        NacosServer nacos = Testkit.sharedNacos();
        String dataId = "graylane-rules-first-read-" + UUID.randomUUID() + ".json";
        String doc = NacosSourceHealthIT.doc("first-v1");
        assertTrue(nacos.publishConfig(dataId, GROUP, doc));
        nacos.awaitConfig(dataId, GROUP, doc, Duration.ofSeconds(30));

        int relayPort = Ports.freeWithOffsets(0, 1000);
        try (TcpRelay relay = new TcpRelay(relayPort, nacos.port())) {
            NacosSettings s = new NacosSettings();
            s.serverAddr = "127.0.0.1:" + relayPort;
            s.group = GROUP;
            s.dataId = dataId;
            s.initialWaitMillis = 3000;
            RuleHolder h = new RuleHolder();
            NacosSourceHealthIT.RecordingLog log = new NacosSourceHealthIT.RecordingLog();
            h.setLog(log);
            NacosRuleSource src = new NacosRuleSource(s, h, null);
            try {
                src.start();
                assertEquals("first-v1", h.version(), log.lines.toString());
                assertEquals(0, log.count("did not answer within"), log.lines.toString());
                assertEquals(1, log.count("answered over HTTP"), log.lines.toString());
                assertTrue(relay.connections() > 0);
            } finally {
                src.close();
            }
        }
    }

    /** Forwards every connection on 127.0.0.1:{@code port} to 127.0.0.1:{@code target}, bytes unchanged. */
    static final class TcpRelay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private volatile int connections;

        TcpRelay(int port, int target) throws IOException {
            this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            this.target = target;
            Thread accept = new Thread(this::acceptLoop, "tcp-relay-" + port);
            accept.setDaemon(true);
            accept.start();
        }

        int connections() {
            return connections;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                    connections++;
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                    int n;
                    while ((n = i.read(buf)) > 0) {
                        o.write(buf, 0, n);
                        o.flush();
                    }
                } catch (IOException ignored) {
                    // either side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "tcp-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
