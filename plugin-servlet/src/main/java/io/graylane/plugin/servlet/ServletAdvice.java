package io.graylane.plugin.servlet;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.ingress.IngressBridge;
import net.bytebuddy.asm.Advice;

/** Advice for servlet entry points; references only bootstrap classes, so it fits javax and jakarta alike. */
public final class ServletAdvice {
    private ServletAdvice() {
    }

    public static class RequestAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static LaneSnapshot enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response) {
            return IngressBridge.enter(request, response);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter LaneSnapshot previous) {
            LaneContext.restore(previous);
        }
    }
}
