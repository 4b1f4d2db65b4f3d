package io.graylane.plugin.httpclients;

import io.graylane.bootstrap.http.ClientRequests;
import io.graylane.bootstrap.http.ReactorNettyRequests;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice woven into HTTP clients. Inlined: it names graylane's bootstrap classes only (the request is an
 * {@code Object}), so the same advice serves OkHttp in an application loader and {@code java.net.http} in the JDK's
 * platform loader. Static, stateless, every Throwable suppressed.
 */
public final class ClientAdvice {
    private ClientAdvice() {
    }

    /** Entry of {@code OkHttpClient.newCall(Request)}: the call is made for a copy with the lane header. */
    public static class OkHttpNewCall {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                                 Object request) {
            request = ClientRequests.withLane(ClientRequests.OKHTTP, request);
        }
    }

    /** Entry of {@code HttpClient.send(request, …)} / {@code sendAsync(request, …)} of the JDK's client. */
    public static class JdkSend {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                                 Object request) {
            request = ClientRequests.withLane(ClientRequests.JDK, request);
        }
    }

    /** Entry of Reactor Netty's {@code HttpClientConnect.MonoHttpConnect#subscribe(CoreSubscriber)}. */
    public static class ReactorNettySubscribe {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object connect,
                                 @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                                 Object actual) {
            actual = ReactorNettyRequests.subscribing(connect, actual);
        }
    }

    /** Entry of Reactor Netty's {@code HttpClientConnect.HttpObserver#onStateChange(Connection, State)}. */
    public static class ReactorNettyStateChange {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object connection, @Advice.Argument(1) Object state) {
            ReactorNettyRequests.stateChanged(connection, state);
        }
    }
}
