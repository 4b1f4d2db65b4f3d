package io.graylane.plugin.springcloud;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.DiscoveryUpdates;
import io.graylane.bootstrap.http.HttpRouting;
import io.graylane.bootstrap.http.ReactiveHttp;
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

    /** Exit of the Nacos client's {@code ServiceInfoHolder.processServiceInfo(ServiceInfo)}: its view of the service. */
    public static class NacosServiceView {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return Object serviceInfo) {
            DiscoveryUpdates.updated(serviceInfo);
        }
    }

    /** Exit of {@code ServiceInstanceListSupplierBuilder.build(context)}: the supplier chooses by lane. */
    public static class WrapSupplier {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object supplier) {
            supplier = HttpRouting.wrapSupplier(supplier);
        }
    }

    /**
     * {@code ExceptionHandlingWebHandler.handle(exchange)}: the exchange's lane is decided at entry (current on this
     * thread until exit), and the returned {@code Mono} carries it in its Reactor Context.
     */
    public static class ExchangeIngress {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static LaneSnapshot enter(@Advice.Argument(0) Object exchange) {
            return ReactiveHttp.enterExchange(exchange);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter LaneSnapshot previous, @Advice.Argument(0) Object exchange,
                                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object processing) {
            LaneContext.restore(previous);
            processing = ReactiveHttp.exitExchange(exchange, processing);
        }
    }

    /** Exit of {@code HttpHeadersFilter.filterRequest(filters, exchange)}: the lane header the gateway sends downstream. */
    public static class GatewayRequestHeaders {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(1) Object exchange,
                                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object headers) {
            headers = ReactiveHttp.gatewayRequestHeaders(headers, exchange);
        }
    }

    /** Entry of {@code DefaultWebClientBuilder.build()}: the lane filter goes first among the client's filters. */
    public static class WebClientBuild {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object builder) {
            ReactiveHttp.prepareWebClient(builder);
        }
    }

    /** Entry of a WebClient's {@code DefaultExchangeFunction.exchange(request)}: the request carries the lane header. */
    public static class WebClientExchange {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                                 Object request) {
            request = ReactiveHttp.clientRequest(request);
        }
    }
}
