package io.graylane.plugin.springcloud.ribbon;

import io.graylane.bootstrap.http.RibbonChoice;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Advice woven into Ribbon's {@code BaseLoadBalancer}. Inlined, names only bootstrap classes; every Throwable suppressed. */
public final class RibbonAdvice {
    private RibbonAdvice() {
    }

    /** {@code chooseServer(key)}: a choice is under way on this thread until it returns. */
    public static class Choose {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            RibbonChoice.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit() {
            RibbonChoice.exit();
        }
    }

    /** Exit of {@code getAllServers()} / {@code getReachableServers()}: inside a choice, only the lane's servers. */
    public static class ServerList {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object servers) {
            servers = RibbonChoice.servers(servers);
        }
    }
}
