package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.http.HttpRouting;
import io.graylane.bootstrap.node.NodeBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.springframework.cloud.client.ServiceInstance;

import java.util.Map;

/**
 * Advice woven into Spring Cloud. Inlined: it may name Spring Cloud Commons types (the target's class loader sees
 * them) and graylane's bootstrap classes, nothing else. Static, stateless, every Throwable suppressed.
 */
public final class SpringCloudAdvice {
    private SpringCloudAdvice() {
    }

    /**
     * Entry of {@code NacosServiceRegistry.register(Registration)}: a node of a lane registers with its lane in the
     * instance metadata (a value the application set itself is kept).
     */
    public static class Register {
        /** The registration is known to the node lifecycle (offline deregisters it) once it succeeded. */
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object registry, @Advice.Argument(0) Object registration) {
            NodeBridge.started("spring-cloud", registry, registration);
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object registration) {
            String lane = HttpRouting.nodeLane();
            if (lane != null && registration instanceof ServiceInstance) {
                Map<String, String> metadata = ((ServiceInstance) registration).getMetadata();
                if (metadata != null && !metadata.containsKey(HttpRouting.METADATA_KEY)) {
                    metadata.put(HttpRouting.METADATA_KEY, lane);
                }
            }
        }
    }

    /** Exit of {@code ServiceInstanceListSupplierBuilder.build(context)}: the supplier chooses by lane. */
    public static class WrapSupplier {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object supplier) {
            supplier = HttpRouting.wrapSupplier(supplier);
        }
    }
}
