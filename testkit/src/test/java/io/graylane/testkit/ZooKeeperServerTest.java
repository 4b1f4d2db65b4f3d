package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ZooKeeperServerTest {

    @Test
    void startsOnLoopbackDoesARoundTripAndStopsLeavingNothing() throws Exception {
        ZooKeeperServer zk = ZooKeeperServer.start();
        long pid = zk.pid();
        int port = zk.port();
        try {
            assertTrue(zk.isAlive());
            List<String> listening = Sockets.listening(pid);
            assertTrue(listening.stream().anyMatch(a -> a.endsWith(":" + port)), listening.toString());
            assertTrue(Sockets.allLoopback(listening), "non-loopback listener: " + listening);
            long ms = RoundTrips.zooKeeper(zk);
            System.out.printf("zookeeper %s ready in %.2f s, znode round trip %d ms, rss %d MB%n",
                    zk.connectString(), zk.startSeconds(), ms, zk.rssMegabytes());
        } finally {
            zk.close();
        }
        assertFalse(zk.isAlive());
        Gone.assertGone(pid, port);
    }
}
