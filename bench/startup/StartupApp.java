import com.sun.net.httpserver.HttpServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small service for the start-up benchmark: an HTTP server on a thread pool, one request to itself, a few pooled
 * tasks and async stages, then exit. Its wall time from JVM launch to exit is what bench/startup.sh measures.
 */
public final class StartupApp {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(pool);
        server.createContext("/hello", ex -> {
            byte[] body = ("hello " + ex.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort()
                + "/hello?x=1").openConnection();
        String response;
        try (InputStream in = c.getInputStream()) {
            response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            final int n = i;
            results.add(pool.submit(() -> n * n));
        }
        int sum = 0;
        for (Future<Integer> f : results) {
            sum += f.get();
        }
        sum += CompletableFuture.supplyAsync(() -> 1, pool).thenApplyAsync(v -> v + 1, pool).get();
        server.stop(0);
        pool.shutdown();
        System.out.println("ready " + response + " " + sum);
    }
}
