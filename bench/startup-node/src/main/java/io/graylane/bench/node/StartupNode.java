package io.graylane.bench.node;

import org.apache.dubbo.config.spring.context.annotation.EnableDubbo;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A realistic node for the start-up benchmark (bench/startup.sh node): Spring Boot web (Tomcat), a Dubbo 3.3 provider
 * and a remote reference to it, a RocketMQ producer and push consumer. Ready = the context is up and one HTTP request
 * to itself went through Dubbo and RocketMQ; then it prints {@code READY uptime=<ms>} and, with
 * {@code -Dstartup.exit=true}, halts (the benchmark times launch → exit, so no shutdown is timed).
 */
@SpringBootApplication
@EnableDubbo
public class StartupNode {
    public static void main(String[] args) {
        SpringApplication.run(StartupNode.class, args);
    }

    @Component
    static class Ready implements ApplicationRunner {
        private final ApplicationContext context;

        Ready(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public void run(ApplicationArguments args) throws Exception {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/hello?name=ready")
                    .openConnection();
            String body;
            try (InputStream in = c.getInputStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (c.getResponseCode() != 200 || !body.endsWith("SEND_OK")) {
                throw new IllegalStateException("first request failed: " + c.getResponseCode() + " " + body);
            }
            System.out.println("READY uptime=" + ManagementFactory.getRuntimeMXBean().getUptime() + " port=" + port
                    + " pid=" + ProcessHandle.current().pid());
            System.out.flush();
            if (Boolean.getBoolean("startup.exit")) {
                Runtime.getRuntime().halt(0);
            }
        }
    }
}
