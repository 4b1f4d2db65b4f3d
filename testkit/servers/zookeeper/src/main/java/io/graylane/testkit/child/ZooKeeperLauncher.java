package io.graylane.testkit.child;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * Forked ZooKeeper: curator-test {@link TestingServer} (standalone ZooKeeperServerMain) with the client
 * port on 127.0.0.1 and the admin server off. Args: {@code <port> <dataDir>}.
 * Ready once a real client session was established and {@code /} read.
 */
public final class ZooKeeperLauncher {

    public static void main(String[] args) {
        Child.init();
        try {
            System.setProperty("zookeeper.admin.enableServer", "false");
            int port = Integer.parseInt(args[0]);
            File dataDir = new File(args[1]);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("clientPortAddress", "127.0.0.1");
            InstanceSpec spec = new InstanceSpec(dataDir, port, -1, -1, false, 1, -1, 0, props, "127.0.0.1");
            TestingServer server = new TestingServer(spec, true);
            Child.onStop(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, 5000);
            String connect = "127.0.0.1:" + port;
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(connect, 30000, e -> {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            try {
                if (!connected.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no ZooKeeper session on " + connect + " within 60 s");
                }
                zk.exists("/", false);
            } finally {
                zk.close();
            }
            Map<String, String> info = new LinkedHashMap<>();
            info.put("connectString", connect);
            Child.ready(info, (cmd, a) -> {
                throw new IllegalArgumentException("unknown command " + cmd);
            });
        } catch (Throwable t) {
            Child.fail(t);
        }
    }
}
