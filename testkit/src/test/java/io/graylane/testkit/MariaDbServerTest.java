package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MariaDbServerTest {

    @Test
    void startsOnLoopbackDoesAJdbcRoundTripAndStopsLeavingNothing() throws Exception {
        MariaDbServer db = MariaDbServer.start();
        long supervisor = db.pid();
        long server = db.serverPid();
        int port = db.port();
        try {
            assertTrue(db.isAlive());
            List<String> listening = Sockets.listening(server);
            assertTrue(listening.stream().anyMatch(a -> a.endsWith(":" + port)), listening.toString());
            assertTrue(Sockets.allLoopback(listening), "non-loopback listener: " + listening);
            long ms = RoundTrips.mariaDb(db, "rt_" + ProcessHandle.current().pid());
            assertEquals("11.4.5", db.run("SELECT SUBSTRING_INDEX(VERSION(), '-', 1)"));
            System.out.printf("mariadb %s ready in %.2f s (install-db %d ms), JDBC round trip %d ms, rss %d MB%n",
                    db, db.startSeconds(), db.installMillis(), ms, ForkedServer.rssBytes(server) / (1024 * 1024));
        } finally {
            db.close();
        }
        assertFalse(db.isAlive());
        Gone.assertGone(server, port);
        Gone.assertGone(supervisor);
    }
}
