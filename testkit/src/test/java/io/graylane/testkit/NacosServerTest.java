package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Its own Nacos (not the shared one) so that the stop can be checked. */
class NacosServerTest {

    static NacosServer nacos;

    @BeforeAll
    static void start() {
        nacos = NacosServer.start();
        System.out.printf("nacos %s ready in %.1f s, rss %d MB%n", nacos, nacos.startSeconds(), nacos.rssMegabytes());
    }

    @AfterAll
    static void stop() {
        if (nacos == null) {
            return;
        }
        long pid = nacos.pid();
        int port = nacos.port();
        nacos.close();
        Gone.assertGone(pid, port, port + 1000, port + 1001, port - 1000, nacos.consolePort());
    }

    @Test
    void everyPortIsOnLoopback() {
        List<String> listening = Sockets.listening(nacos.pid());
        assertTrue(Sockets.allLoopback(listening), "non-loopback listener: " + listening);
        for (int p : new int[] {nacos.port(), nacos.port() + 1000, nacos.port() + 1001, nacos.port() - 1000,
                nacos.consolePort()}) {
            assertTrue(listening.stream().anyMatch(a -> a.endsWith(":" + p)), p + " not in " + listening);
        }
    }

    @Test
    void publishGetRemoveOverHttp() {
        String id = "graylane-" + UUID.randomUUID();
        assertEquals(null, nacos.getConfig(id, "G"));
        assertTrue(nacos.publishConfig(id, "G", "a=1\nb=two words"));
        nacos.awaitConfig(id, "G", "a=1\nb=two words", Duration.ofSeconds(30));
        assertTrue(nacos.removeConfig(id, "G"));
        nacos.awaitConfig(id, "G", null, Duration.ofSeconds(30));
    }

    @Test
    void consoleAnswers() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(nacos.consoleUrl())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    @Test
    void listenerInAnotherJvmSeesPublishedChanges() {
        String id = "graylane-listen-" + UUID.randomUUID();
        try (NacosListener l = nacos.listener(id, "GRAYLANE")) {
            assertEquals("", l.initialContent());
            for (int i = 1; i <= 3; i++) {
                String v = "gray.percent=" + (i * 10);
                long t0 = System.currentTimeMillis();
                assertTrue(nacos.publishConfig(id, "GRAYLANE", v));
                NacosListener.Event e = l.awaitContent(v, Duration.ofSeconds(60));
                System.out.printf("nacos listener (pid %d, started in %.1f s) got change %d after %d ms%n",
                        l.pid(), l.startSeconds(), i, e.receivedAtMillis - t0);
            }
            assertEquals("gray.percent=30", l.getConfigViaClient());
        }
    }
}
