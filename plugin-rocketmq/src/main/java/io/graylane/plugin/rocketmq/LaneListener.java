package io.graylane.plugin.rocketmq;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.bootstrap.mq.MqBridge;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wraps a push consumer's listener (a JDK proxy of the listener interface): every {@code consumeMessage} call runs in
 * the lane of its first message, so the listener's own sends and RPCs stay in the lane. This covers concurrent and
 * orderly consumption, {@code consumeMessageDirectly} and pop consumption, which the SDK's ConsumeMessageHook does not
 * all see. In client-side filter mode (broker without SQL92) it also drops the messages this consumer must not see
 * and acknowledges them.
 */
final class LaneListener implements InvocationHandler {
    private final Object delegate;
    private final ConsumerState state;
    private final Method getProperty;

    private LaneListener(Object delegate, ConsumerState state, Method getProperty) {
        this.delegate = delegate;
        this.state = state;
        this.getProperty = getProperty;
    }

    static boolean isWrapped(Object listener) {
        return listener != null && Proxy.isProxyClass(listener.getClass())
                && Proxy.getInvocationHandler(listener) instanceof LaneListener;
    }

    /** The proxy, implementing the same RocketMQ listener interface(s) as {@code listener}. */
    static Object wrap(Object listener, ConsumerState state) throws Exception {
        List<Class<?>> ifaces = new ArrayList<Class<?>>();
        ClassLoader loader = state.loader;
        for (String n : new String[] {"org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently",
                "org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly"}) {
            Class<?> c = Class.forName(n, false, loader);
            if (c.isInstance(listener)) {
                ifaces.add(c);
            }
        }
        if (ifaces.isEmpty()) {
            return null;
        }
        Method getProperty = Class.forName("org.apache.rocketmq.common.message.Message", false, loader)
                .getMethod("getProperty", String.class);
        return Proxy.newProxyInstance(ifaces.get(0).getClassLoader(), ifaces.toArray(new Class<?>[0]),
                new LaneListener(listener, state, getProperty));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            String n = method.getName();
            if ("equals".equals(n)) {
                return proxy == args[0];
            }
            if ("hashCode".equals(n)) {
                return System.identityHashCode(proxy);
            }
            if ("toString".equals(n)) {
                return "graylane(" + delegate + ")";
            }
        }
        if (!"consumeMessage".equals(method.getName()) || args == null || args.length != 2
                || !(args[0] instanceof List)) {
            return call(method, args);
        }
        List<?> msgs = (List<?>) args[0];
        String firstLane = null;
        try {
            String key = MqBridge.property();
            if (state.clientFilter || state.gray()) {
                List<Object> kept = new ArrayList<Object>(msgs.size());
                for (Object m : msgs) {
                    String l = (String) getProperty.invoke(m, key);
                    if (state.keeps(l)) {
                        kept.add(m);
                    } else {
                        if (state.gray() && !state.clientFilter) {
                            continue; // the lane group's own safety net: not counted as client-side filtering
                        }
                        MetricRegistry.counter("graylane_mq_filtered_total",
                                "messages dropped by the client-side lane filter (broker without SQL92)",
                                "lane", l == null ? "" : l, "group", state.group).inc();
                    }
                }
                if (kept.isEmpty()) {
                    return success(method);
                }
                if (kept.size() != msgs.size()) {
                    Object[] a = args.clone();
                    a[0] = kept;
                    args = a;
                    msgs = kept;
                }
            }
            Map<String, Long> ends = state.drainEnds;
            if (ends != null) {
                List<Object> kept = new ArrayList<Object>(msgs.size());
                for (Object m : msgs) {
                    Long end = ends.get(MqLanes.queueKey((String) call(m, "getTopic"), (String) call(m, "getBrokerName"),
                            (Integer) call(m, "getQueueId")));
                    if (end != null && (Long) call(m, "getQueueOffset") >= end) {
                        MetricRegistry.counter("graylane_mq_drain_skipped_total",
                                "messages a drain left to the baseline group (stored after it included the lane again)",
                                "lane", state.lane).inc();
                    } else {
                        kept.add(m);
                    }
                }
                if (kept.isEmpty()) {
                    return success(method);
                }
                if (kept.size() != msgs.size()) {
                    Object[] a = args.clone();
                    a[0] = kept;
                    args = a;
                    msgs = kept;
                }
            }
            for (int i = 0; i < msgs.size(); i++) {
                String l = (String) getProperty.invoke(msgs.get(i), key);
                if (i == 0) {
                    firstLane = l;
                }
                MetricRegistry.counter(state.drain ? "graylane_mq_drained_total" : "graylane_mq_consumed_total",
                        state.drain ? "messages of a retired lane consumed by a baseline drain"
                                : "messages consumed, by the lane they carried (empty = baseline)",
                        "lane", l == null ? "" : l).inc();
            }
        } catch (Throwable t) {
            io.graylane.bootstrap.AgentBridge.adviceFailed(t);
        }
        LaneSnapshot prev = LaneContext.swap(MqBridge.snapshotOf(firstLane));
        try {
            return call(method, args);
        } finally {
            LaneContext.restore(prev);
        }
    }

    private static Object call(Object target, String getter) throws Exception {
        return target.getClass().getMethod(getter).invoke(target);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object success(Method method) {
        Class<? extends Enum> status = (Class<? extends Enum>) method.getReturnType();
        for (Object c : status.getEnumConstants()) {
            String n = ((Enum<?>) c).name();
            if ("CONSUME_SUCCESS".equals(n) || "SUCCESS".equals(n)) {
                return c;
            }
        }
        throw new IllegalStateException("no success status in " + status);
    }
}
