package io.graylane.plugin.httpclients;

import io.graylane.bootstrap.http.ClientRequests;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The JDK's {@code java.net.http.HttpClient} (Java 11+). Every client {@code HttpClient.newHttpClient()} or
 * {@code newBuilder().build()} returns is a {@code jdk.internal.net.http.HttpClientFacade} whose public
 * {@code send(request, handler)}, {@code sendAsync(request, handler)} and {@code sendAsync(request, handler, push)} are
 * the only ways in; each is entered on the caller's thread, so the request there is replaced by a copy with the lane
 * header of the caller's lane. The advice names only bootstrap classes (the JDK's modules are made to read them at
 * start-up); the helper that copies an {@code HttpRequest} ({@code jdk.JdkRequestLanes}) is compiled with release 11
 * and loaded by name only on Java 11+. On Java 8 the plugin does nothing.
 */
public final class JdkHttpPlugin implements GraylanePlugin {
    static final String FACADE = "jdk.internal.net.http.HttpClientFacade";
    private static final String HELPER = JdkHttpPlugin.class.getPackage().getName() + ".jdk.JdkRequestLanes";

    @Override
    public String name() {
        return "jdk-http-client";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        if (!hasHttpClient()) {
            return Collections.emptyList();
        }
        return Collections.<TypeInstrumentation>singletonList(new ClientMethods(FACADE,
                named("send").and(takesArguments(2)).or(named("sendAsync").and(takesArguments(2).or(takesArguments(3))))
                        .and(isPublic()),
                ClientAdvice.class.getName() + "$JdkSend"));
    }

    @Override
    public void start(PluginContext context) throws Exception {
        if (!hasHttpClient()) {
            AgentLogger.debug("jdk-http-client: Java " + System.getProperty("java.specification.version")
                    + " has no java.net.http; nothing to do");
            return;
        }
        final RequestLanes helper = (RequestLanes) Class.forName(HELPER, true, JdkHttpPlugin.class.getClassLoader())
                .getConstructor().newInstance();
        ClientRequests.install(ClientRequests.JDK, new ClientRequests.Handler() {
            @Override
            public Object withLane(Object request, String lane) {
                return helper.withLane(request, lane);
            }
        });
    }

    /** {@code java.specification.version} is "1.8" on Java 8, "9", "10", "11"… after. */
    static boolean hasHttpClient() {
        return hasHttpClient(System.getProperty("java.specification.version", "1.8"));
    }

    static boolean hasHttpClient(String specificationVersion) {
        if (specificationVersion.startsWith("1.")) {
            return false;
        }
        try {
            return Integer.parseInt(specificationVersion.split("\\.")[0]) >= 11;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
