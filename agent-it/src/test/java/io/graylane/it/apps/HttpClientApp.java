package io.graylane.it.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plain http and https servers on 127.0.0.1 (https with a certificate made by keytool for this run) that answer with
 * the lane header they received; the main thread calls them through the JDK's HttpURLConnection in lane "gray" and on
 * baseline, with and without an explicit {@code connect()}. One line per check:
 * {@code CHECK <name> observed=<header> OK|FAIL}. Exits 0 only when every check saw what it should.
 */
public final class HttpClientApp {
    private static final String PASS = "changeit";
    private static final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("graylane-https");
        SSLContext tls = tls(dir.resolve("ks.p12"));
        HttpHandler echo = HttpClientApp::echo;
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", echo);
        http.start();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", echo);
        https.start();
        String plain = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        String secure = "https://127.0.0.1:" + https.getAddress().getPort() + "/";
        HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
        try {
            try (LaneContext.Scope ignored = LaneContext.enter(LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_API))) {
                check("http getInputStream", "gray", call(plain, false, null));
                check("http connect() then getInputStream", "gray", call(plain, true, null));
                check("https getInputStream", "gray", call(secure, false, null));
                check("https connect() then getInputStream", "gray", call(secure, true, null));
                check("http: the application's own header is replaced by the lane", "gray", call(plain, false, "blue"));
            }
            check("http on baseline", "-", call(plain, false, null));
            // HttpURLConnection cannot drop a request property: the header goes out empty (no lane to any ingress)
            check("http on baseline: the application's own header is removed", "-", call(plain, false, "blue"));
            check("https on baseline", "-", call(secure, true, null));
        } finally {
            http.stop(0);
            https.stop(0);
        }
        System.out.println(failures.isEmpty() ? "ALL OK" : "FAILED " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static String call(String url, boolean connectFirst, String ownHeader) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        if (ownHeader != null) {
            c.setRequestProperty("x-graylane-lane", ownHeader);
        }
        if (connectFirst) {
            c.connect();
        }
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void echo(HttpExchange ex) throws java.io.IOException {
        String lane = ex.getRequestHeaders().getFirst("x-graylane-lane");
        byte[] body = (lane == null || lane.isEmpty() ? "-" : lane).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** A key store with a fresh self-signed certificate for 127.0.0.1 (keytool), used as key and trust store. */
    private static SSLContext tls(Path store) throws Exception {
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "local", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASS, "-keypass", PASS).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static void check(String name, String expected, String observed) {
        boolean ok = expected.equals(observed);
        System.out.println("CHECK " + name + " observed=" + observed + (ok ? " OK" : " FAIL expected=" + expected));
        if (!ok) {
            failures.add(name);
        }
    }
}
