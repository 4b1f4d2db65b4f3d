package io.graylane.plugin.httpclients;

import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.ReactorNettyRequests;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Reactor Netty's {@code HttpClient} (reactor-netty-http 1.0.x–1.3.x), used directly or under WebClient and Spring
 * Cloud Gateway. A request is subscribed on the caller's thread ({@code HttpClientConnect.MonoHttpConnect#subscribe})
 * and its headers are final on an event loop when its connection reaches {@code REQUEST_PREPARED}
 * ({@code HttpClientConnect.HttpObserver#onStateChange}, before the application's {@code doOnRequest} callbacks and
 * its send function). The lane goes from the first to the second in the subscription's Reactor Context
 * ({@code ReactorNettyRequests}); the typed helper ({@code reactornetty.ReactorNettyLanes}) does both ends.
 */
public final class ReactorNettyPlugin implements GraylanePlugin {
    static final String CONNECT = "reactor.netty.http.client.HttpClientConnect";
    static final String CONFIG = "reactor.netty.http.client.HttpClientConfig";
    static final String INFOS = "reactor.netty.http.client.HttpClientInfos";
    private static final String BASE = ReactorNettyPlugin.class.getPackage().getName();

    @Override
    public String name() {
        return "reactor-netty";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList(CONFIG); // reactor-netty 1.0+ (0.9 had another client)
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Arrays.<TypeInstrumentation>asList(
                new ClientMethods(CONNECT + "$MonoHttpConnect", named("subscribe").and(isPublic()).and(takesArguments(1)),
                        ClientAdvice.class.getName() + "$ReactorNettySubscribe"),
                new ClientMethods(CONNECT + "$HttpObserver", named("onStateChange").and(isPublic())
                        .and(takesArguments(2)), ClientAdvice.class.getName() + "$ReactorNettyStateChange"));
    }

    @Override
    public void start(PluginContext context) {
        final TypedHelpers<ReactorNettyLanes> helpers = new TypedHelpers<ReactorNettyLanes>(this,
                ReactorNettyLanes.class, INFOS, Collections.singletonList(BASE + ".reactornetty."),
                HelperVersion.of("reactor-netty-http 1.0+", BASE + ".reactornetty.ReactorNettyLaneHeaders", INFOS,
                        "reactor.util.context.ContextView"));
        ReactorNettyRequests.install(new ReactorNettyRequests.Handler() {
            @Override
            public Object subscriber(Object connect, Object actual, LaneSnapshot lane) {
                ReactorNettyLanes helper = lane == null ? null : helpers.forObject(connect);
                return helper == null ? actual : helper.subscriber(actual, lane);
            }

            @Override
            public void stateChanged(Object connection, Object state) {
                ReactorNettyLanes helper = helpers.forObject(connection);
                if (helper != null) {
                    helper.stateChanged(connection, state);
                }
            }
        });
    }
}
