package io.graylane.plugin.httpclients;

import io.graylane.bootstrap.http.ClientRequests;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * OkHttp 3.x, 4.x and 5.x: every call an {@code OkHttpClient} makes starts at {@code newCall(Request)} on the caller's
 * thread (sync {@code execute()} and async {@code enqueue()} alike, also Retrofit's calls), so the request handed
 * there is replaced by a copy with the lane header of the caller's lane ({@code OutboundHttp}: signed towards the
 * signing destinations, an application-set header replaced, removed on baseline). A copy, never a change to the
 * application's request object, which it may send again later in another lane.
 */
public final class OkHttpPlugin implements GraylanePlugin {
    static final String CLIENT = "okhttp3.OkHttpClient";
    static final String REQUEST = "okhttp3.Request";
    private static final String BASE = OkHttpPlugin.class.getPackage().getName();

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList(REQUEST);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Collections.<TypeInstrumentation>singletonList(new ClientMethods(CLIENT,
                named("newCall").and(isPublic()).and(takesArguments(1)),
                ClientAdvice.class.getName() + "$OkHttpNewCall"));
    }

    @Override
    public void start(PluginContext context) {
        final TypedHelpers<RequestLanes> helpers = new TypedHelpers<RequestLanes>(this, RequestLanes.class, REQUEST,
                Collections.singletonList(BASE + ".okhttp."),
                HelperVersion.of("okhttp 3.x-5.x", BASE + ".okhttp.OkHttpLaneHeaders", REQUEST, "okhttp3.HttpUrl"));
        ClientRequests.install(ClientRequests.OKHTTP, new ClientRequests.Handler() {
            @Override
            public Object withLane(Object request, String lane) {
                RequestLanes helper = helpers.forObject(request);
                return helper == null ? request : helper.withLane(request, lane);
            }
        });
    }
}
