package io.graylane.core.http;

import io.graylane.bootstrap.http.OutboundHttp;
import io.graylane.core.config.ConfigKeys;
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
 * ({@code graylane.ingress.header}), signed with {@code graylane.ingress.hmac-secret} towards the signing destinations
 * ({@code graylane.http-client.sign-destinations}), so the next node believes it (or it trusts this node by CIDR). The
 * header is always the agent's lane: one the application set (or copied from its incoming request) is replaced, and
 * removed on baseline, unless {@code graylane.http-client.keep-application-lane-header=true}. Clients: the JDK's {@code HttpURLConnection} (also what Spring's {@code RestTemplate} uses by default),
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

    public static final String KEY_SIGN_DESTINATIONS = "graylane.http-client.sign-destinations";
    public static final String KEY_KEEP_APPLICATION_HEADER = "graylane.http-client.keep-application-lane-header";

    @Override
    public void start(PluginContext context) {
        String secret = IngressColoring.hmacSecret(context.config());
        String list = context.config().get(KEY_SIGN_DESTINATIONS);
        SignDestinations destinations = null;
        if (list != null && !list.trim().isEmpty()) {
            try {
                destinations = SignDestinations.parse(Arrays.asList(list.trim().split("[,\\s]+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KEY_SIGN_DESTINATIONS + ": " + e.getMessage());
            }
        }
        String keep = context.config().get(KEY_KEEP_APPLICATION_HEADER);
        boolean keepApplicationHeader = keep != null && "true".equalsIgnoreCase(keep.trim());
        OutboundHttp.configure(context.config().get(ConfigKeys.INGRESS_HEADER), secret, destinations,
                keepApplicationHeader);
        AgentLogger.debug("http-client: lane header " + OutboundHttp.header() + (secret == null ? " (unsigned)"
                : " (signed towards " + (destinations == null ? "localhost, loopback and private addresses" : destinations)
                + ")") + (keepApplicationHeader ? ", a lane header the application set is kept" : ""));
    }
}
