package io.graylane.plugin.servlet;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.ingress.IngressBridge;
import io.graylane.bootstrap.node.HealthGate;
import io.graylane.bootstrap.node.WorkGauge;
import net.bytebuddy.asm.Advice;

/** Advice for servlet entry points; references only bootstrap classes, so it fits javax and jakarta alike. */
public final class ServletAdvice {
    private ServletAdvice() {
    }

    /** The request's lane for its whole processing; the request is counted in flight (node lifecycle) once. */
    public static class RequestAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static LaneSnapshot enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response) {
            WorkGauge.SERVLET.enterOnce();
            return IngressBridge.enter(request, response);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter LaneSnapshot previous) {
            WorkGauge.SERVLET.exitOnce();
            LaneContext.restore(previous);
        }
    }

    /** While the node is offline, the configured health path is answered 503 here and the application never sees it. */
    public static class HealthAdvice {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        public static boolean enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response) {
            return HealthGate.answer(request, response);
        }
    }
}
