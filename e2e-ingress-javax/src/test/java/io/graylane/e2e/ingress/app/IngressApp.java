package io.graylane.e2e.ingress.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A Spring Boot 2.7 (Tomcat 9, javax.servlet) app that only reports the lane graylane gave each request: in a servlet
 * filter (response header {@code x-filter-lane}; {@code x-redispatch-lane} in the async re-dispatch), in the
 * controller, and on another thread for an async request.
 * Args: {@code <http port>}.
 */
@SpringBootApplication
@RestController
public class IngressApp {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(IngressApp.class);
        app.setDefaultProperties(Map.of(
                "server.port", args[0],
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"));
        app.run(args);
        System.out.println("VERSION spring-boot=" + org.springframework.boot.SpringBootVersion.getVersion());
        System.out.println("READY ingress");
        System.out.flush();
    }

    static String lane() {
        try {
            Object lane = Class.forName("io.graylane.bootstrap.LaneContext").getMethod("currentLane").invoke(null);
            return lane == null ? "-" : lane.toString();
        } catch (Throwable t) {
            return "?";
        }
    }

    @Bean
    public FilterRegistrationBean<Filter> laneFilter() {
        Filter f = (req, res, chain) -> {
            // the async re-dispatch (Callable result written back) reports in a header of its own
            String header = req.getDispatcherType() == DispatcherType.ASYNC ? "x-redispatch-lane" : "x-filter-lane";
            ((HttpServletResponse) res).setHeader(header, lane());
            chain.doFilter(req, res);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(f);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @GetMapping("/lane")
    public String lane(javax.servlet.http.HttpServletRequest request) {
        return lane();
    }

    /**
     * Calls {@code /lane} on the app at {@code port} (loopback) and returns what that app answered: with the JDK's
     * HttpURLConnection ({@code via=jdk}), Spring's RestTemplate ({@code via=rest}, HttpURLConnection underneath), or
     * Apache HttpClient 4.x / 5.x ({@code via=hc4|hc5}: one request object sent twice, answers joined with ',' and
     * whether the application's request object was left without the lane header).
     * {@code lane}: a lane header the application sets itself (it must be kept).
     */
    @GetMapping("/relay")
    public String relay(@org.springframework.web.bind.annotation.RequestParam("port") int port,
                        @org.springframework.web.bind.annotation.RequestParam(value = "via", defaultValue = "jdk") String via,
                        @org.springframework.web.bind.annotation.RequestParam(value = "lane", required = false) String lane)
            throws Exception {
        String url = "http://127.0.0.1:" + port + "/lane";
        if ("hc4".equals(via)) {
            // one request object sent twice: both carry the lane, and the application's object is not changed
            org.apache.http.client.methods.HttpGet get = new org.apache.http.client.methods.HttpGet(url);
            if (lane != null) {
                get.setHeader("x-graylane-lane", lane);
            }
            try (org.apache.http.impl.client.CloseableHttpClient client =
                         org.apache.http.impl.client.HttpClients.createDefault()) {
                String first = org.apache.http.util.EntityUtils.toString(client.execute(get).getEntity());
                String second = org.apache.http.util.EntityUtils.toString(client.execute(get).getEntity());
                return first + "," + second + "," + (get.containsHeader("x-graylane-lane") ? "header-on-request" : "clean");
            }
        }
        if ("hc5".equals(via)) {
            org.apache.hc.client5.http.classic.methods.HttpGet get = new org.apache.hc.client5.http.classic.methods.HttpGet(url);
            if (lane != null) {
                get.setHeader("x-graylane-lane", lane);
            }
            try (org.apache.hc.client5.http.impl.classic.CloseableHttpClient client =
                         org.apache.hc.client5.http.impl.classic.HttpClients.createDefault()) {
                String first = client.execute(get, r -> org.apache.hc.core5.http.io.entity.EntityUtils.toString(r.getEntity()));
                String second = client.execute(get, r -> org.apache.hc.core5.http.io.entity.EntityUtils.toString(r.getEntity()));
                return first + "," + second + "," + (get.containsHeader("x-graylane-lane") ? "header-on-request" : "clean");
            }
        }
        if ("rest".equals(via)) {
            org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
            if (lane != null) {
                h.set("x-graylane-lane", lane);
            }
            return new org.springframework.web.client.RestTemplate().exchange(url, org.springframework.http.HttpMethod.GET,
                    new org.springframework.http.HttpEntity<Void>(h), String.class).getBody();
        }
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL(url).openConnection();
        if (lane != null) {
            c.setRequestProperty("x-graylane-lane", lane);
        }
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @GetMapping("/async")
    public Callable<String> async() {
        String before = lane();
        return () -> before + "/" + Thread.currentThread().getName().replaceAll("[0-9]+$", "N") + "/" + lane();
    }
}
