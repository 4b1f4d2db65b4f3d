package io.graylane.core.http;

import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.core.ingress.IngressColoring;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.ClassRewrite;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Carries the lane to the next HTTP hop: a request sent in a lane gets the lane header the next node's ingress reads
 * ({@code graylane.ingress.header}), signed with {@code graylane.ingress.hmac-secret} when one is set, so the next
 * node believes it (or it trusts this node by CIDR). A header the application set is left alone; nothing is added on
 * baseline. Clients: the JDK's {@code HttpURLConnection} (also what Spring's {@code RestTemplate} uses by default),
 * Apache HttpClient 4.x and 5.x (classic).
 */
public final class HttpClientPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Collections.emptyList();
    }

    @Override
    public List<ClassRewrite> classRewrites() {
        List<ClassRewrite> rewrites = new ArrayList<ClassRewrite>();
        rewrites.addAll(Arrays.asList(BeforeSendRewrite.jdk()));
        rewrites.addAll(Arrays.asList(BeforeSendRewrite.apache()));
        return rewrites;
    }

    @Override
    public void start(PluginContext context) {
        String secret = IngressColoring.hmacSecret(context.config());
        OutboundHttp.configure(context.config().get(IngressColoring.KEY_HEADER), secret);
        AgentLogger.debug("http-client: lane header " + OutboundHttp.header() + (secret == null ? " (unsigned)" : " (signed)"));
    }
}
