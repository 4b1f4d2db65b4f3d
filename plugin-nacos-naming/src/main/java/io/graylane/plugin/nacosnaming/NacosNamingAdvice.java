package io.graylane.plugin.nacosnaming;

import io.graylane.bootstrap.node.NodeBridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice woven into the Nacos naming client's {@code NacosNamingService}. Inlined: it names graylane's bootstrap
 * classes and JDK types only. Static, stateless, every Throwable suppressed.
 */
public final class NacosNamingAdvice {
    private NacosNamingAdvice() {
    }

    /** {@code registerInstance(serviceName, groupName, instance)}. */
    public static class Register {
        /** Before the client sends it: a gray node's lane goes into the instance metadata. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object naming, @Advice.Argument(0) String serviceName,
                                 @Advice.Argument(1) String groupName, @Advice.Argument(2) Object instance) {
            NodeBridge.started(NacosNamingPlugin.REGISTERING, naming, new Object[] {serviceName, groupName, instance});
        }

        /** A registration the client refused is not the node's to take offline or bring back. */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object naming, @Advice.Argument(0) String serviceName,
                                @Advice.Argument(1) String groupName, @Advice.Argument(2) Object instance,
                                @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                NodeBridge.started(NacosNamingPlugin.LEFT, naming, new Object[] {serviceName, groupName, instance});
            }
        }
    }

    /** {@code deregisterInstance(serviceName, groupName, instance)}: the application took the instance out itself. */
    public static class Deregister {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object naming, @Advice.Argument(0) String serviceName,
                                @Advice.Argument(1) String groupName, @Advice.Argument(2) Object instance,
                                @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                NodeBridge.started(NacosNamingPlugin.LEFT, naming, new Object[] {serviceName, groupName, instance});
            }
        }
    }

    /** {@code shutDown()}: the client's registrations end with it. */
    public static class ShutDown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object naming) {
            NodeBridge.started(NacosNamingPlugin.LEFT, naming, null);
        }
    }
}
