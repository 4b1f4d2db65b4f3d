package io.graylane.plugin.dubbo;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.PendingLanes;
import io.graylane.bootstrap.node.NodeBridge;
import io.graylane.bootstrap.node.WorkGauge;
import io.graylane.bootstrap.rpc.RpcLanes;
import net.bytebuddy.asm.Advice;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.config.ProviderConfig;
import org.apache.dubbo.config.ServiceConfigBase;
import org.apache.dubbo.remoting.exchange.Request;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;

import java.util.ArrayList;
import java.util.List;

/**
 * Advice inlined into Dubbo's classes. May reference only bootstrap classes and Dubbo API present in both 2.7.x and
 * 3.x ({@code Invocation#getAttachment/setAttachment(String, String)}, {@code Node#getUrl}, {@code URL#getParameter},
 * {@code AbstractInterfaceConfig#getTag/setTag}, {@code ServiceConfigBase#getProvider}).
 */
public final class DubboAdvice {
    private DubboAdvice() {
    }

    /**
     * Tags a gray node's providers with its lane, unless the service or its provider config has a tag; and tells the
     * node lifecycle that this Dubbo runtime exports services.
     */
    public static class TagProviderAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This ServiceConfigBase<?> service) {
            NodeBridge.started("dubbo", service);
            String lane = RpcLanes.nodeLane();
            if (lane == null) {
                return;
            }
            String own = service.getTag();
            if (own != null && !own.isEmpty()) {
                return;
            }
            ProviderConfig provider = service.getProvider();
            String inherited = provider == null ? null : provider.getTag();
            if (inherited != null && !inherited.isEmpty()) {
                return;
            }
            service.setTag(lane);
        }
    }

    /**
     * Provider side: the inbound tag is the lane of the invocation; restored when the filter returns. The call is
     * counted in flight (node lifecycle) from entry to return.
     */
    public static class InboundAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static LaneSnapshot enter(@Advice.Argument(1) Invocation invocation) {
            WorkGauge.DUBBO_PROVIDER.enter();
            return RpcLanes.enterInbound(invocation.getAttachment(RpcLanes.TAG_KEY));
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter LaneSnapshot previous) {
            WorkGauge.DUBBO_PROVIDER.exit();
            LaneContext.restore(previous);
        }
    }

    /** Consumer side: the current lane goes out as dubbo.tag unless the call already has one. */
    public static class OutboundAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Invocation invocation) {
            String lane = RpcLanes.outboundLane();
            if (lane == null) {
                return;
            }
            String tag = RpcLanes.outboundTag(lane, invocation.getAttachment(RpcLanes.TAG_KEY));
            if (tag != null) {
                invocation.setAttachment(RpcLanes.TAG_KEY, tag);
                if (RpcLanes.strict()) {
                    String force = invocation.getAttachment(RpcLanes.FORCE_TAG_KEY);
                    if (force == null || force.isEmpty()) {
                        invocation.setAttachment(RpcLanes.FORCE_TAG_KEY, "true");
                    }
                }
            }
        }
    }

    /** Consumer side, after routing: counts calls of a lane served by an instance of another lane. */
    public static class ServedByAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Invoker<?> invoker, @Advice.Argument(0) Invocation invocation) {
            if (LaneContext.current() == null) {
                return; // baseline work: nothing to count (and no attachment lookup on the hot path)
            }
            String tag = invocation.getAttachment(RpcLanes.TAG_KEY);
            if (tag != null) {
                URL url = invoker.getUrl();
                RpcLanes.checkServed(tag, url == null ? null : url.getParameter(RpcLanes.TAG_KEY));
            }
        }
    }

    /** Dubbo 2.7 TagRouter: a lane whose instances are all unavailable falls back like a lane without instances. */
    public static class AvailableLaneAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        @SuppressWarnings({"rawtypes", "unchecked"})
        public static void exit(@Advice.Argument(0) List invokers, @Advice.Argument(1) URL url,
                                @Advice.Argument(2) Invocation invocation,
                                @Advice.FieldValue("tagRouterRule") Object dynamicRule,
                                @Advice.Return(readOnly = false) List result) {
            if (result == null || result.isEmpty() || invokers == null || dynamicRule != null) {
                return;
            }
            String tag = invocation.getAttachment(RpcLanes.TAG_KEY);
            if (tag == null || tag.isEmpty()) {
                return;
            }
            String force = invocation.getAttachment(RpcLanes.FORCE_TAG_KEY);
            if (force == null || force.isEmpty()) {
                force = url == null ? null : url.getParameter(RpcLanes.FORCE_TAG_KEY);
            }
            if ("true".equalsIgnoreCase(force)) {
                return;
            }
            for (Object o : result) {
                Invoker i = (Invoker) o;
                if (i.isAvailable() || !tag.equals(i.getUrl().getParameter(RpcLanes.TAG_KEY))) {
                    return;
                }
            }
            List fallback = new ArrayList();
            for (Object o : invokers) {
                Invoker i = (Invoker) o;
                String t = i.getUrl().getParameter(RpcLanes.TAG_KEY);
                if ((t == null || t.isEmpty()) && i.isAvailable()) {
                    fallback.add(i);
                }
            }
            if (!fallback.isEmpty()) {
                RpcLanes.unavailableFallback(tag);
                result = fallback;
            }
        }
    }

    /** Response completion (dubbo protocol): dependent stages of the call's future run in the call's lane. */
    public static class ResponseLaneAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static LaneSnapshot enter(@Advice.FieldValue("request") Request request) {
            LaneSnapshot current = LaneContext.current();
            Object data = request == null ? null : request.getData();
            if (data instanceof Invocation) {
                String tag = ((Invocation) data).getAttachment(RpcLanes.TAG_KEY);
                if (tag != null && !tag.isEmpty()) {
                    LaneSnapshot lane = RpcLanes.snapshot(tag);
                    if (lane != null) {
                        LaneContext.swap(lane);
                    }
                }
            }
            return current;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter LaneSnapshot previous) {
            LaneContext.restore(previous);
        }
    }

    /** Triple: a unary call's future was made on the calling thread; its lane is recorded for the response. */
    public static class TripleFutureCreatedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return Object future) {
            RpcLanes.CALLS.record(future);
        }
    }

    /** Triple: the response completes the call's future; dependent stages run in the call's lane. */
    public static class TripleResponseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.This Object future) {
            return RpcLanes.CALLS.enter(future);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object token) {
            PendingLanes.exit(token);
        }
    }
}
