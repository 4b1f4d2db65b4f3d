package io.graylane.core.node;

import io.graylane.core.logging.AgentLogger;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Graceful shutdown on SIGTERM: before the JVM starts its shutdown hooks (the application's, Spring's, Dubbo's, which
 * run concurrently and race with work in flight), the node goes offline and waits until it drained, at most the
 * configured timeout; then the handler that was there before ours (the JVM's, which starts the shutdown) runs. JVM
 * shutdown hooks cannot do this: they all start together.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present on Java 8 to 25) through reflection, because the
 * agent compiles against the Java 8 API where it is not visible. A second SIGTERM during the drain, a drain that does
 * not finish or a framework that hangs while stopping never hold the shutdown beyond the timeout. When TERM is ignored
 * (nohup-style) nothing is installed.
 */
public final class GracefulShutdown {
    private final NodeLifecycle lifecycle;
    private final long timeoutMillis;
    private final AtomicBoolean draining = new AtomicBoolean();
    private Method handleMethod;
    private Method raiseMethod;
    private Method handlerHandle;
    private Object term;
    private Object previous;
    private Object ignore;
    private Object defaults;

    private GracefulShutdown(NodeLifecycle lifecycle, long timeoutMillis) {
        this.lifecycle = lifecycle;
        this.timeoutMillis = timeoutMillis;
    }

    /** Installs the TERM handler; false (one log line) when this JVM does not allow it. Never throws. */
    public static boolean install(NodeLifecycle lifecycle, long timeoutMillis) {
        try {
            return new GracefulShutdown(lifecycle, timeoutMillis).installHandler();
        } catch (Throwable t) {
            AgentLogger.warn("graceful shutdown not installed (" + t + "); SIGTERM stops the node without draining it");
            return false;
        }
    }

    private boolean installHandler() throws Exception {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        term = signal.getConstructor(String.class).newInstance("TERM");
        handleMethod = signal.getMethod("handle", signal, handler);
        raiseMethod = signal.getMethod("raise", signal);
        handlerHandle = handler.getMethod("handle", signal);
        ignore = handler.getField("SIG_IGN").get(null);
        defaults = handler.getField("SIG_DFL").get(null);
        Object ours = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) {
                if ("handle".equals(method.getName()) && args != null && args.length == 1) {
                    onTerm(args[0]);
                    return null;
                }
                if ("equals".equals(method.getName()) && args != null && args.length == 1) {
                    return proxy == args[0];
                }
                if ("hashCode".equals(method.getName())) {
                    return System.identityHashCode(proxy);
                }
                return "graylane graceful shutdown";
            }
        });
        previous = handleMethod.invoke(null, term, ours);
        if (previous == ignore) {
            handleMethod.invoke(null, term, previous);
            AgentLogger.info("graceful shutdown not installed: SIGTERM is ignored in this JVM");
            return false;
        }
        AgentLogger.debug("graceful shutdown: SIGTERM drains the node (at most " + timeoutMillis + " ms) first");
        return true;
    }

    private void onTerm(Object sig) {
        try {
            if (draining.compareAndSet(false, true) && !NodeWorkRegistry.all().isEmpty()) {
                drain();
            }
        } catch (Throwable t) {
            AgentLogger.warnOnce("node:shutdown", "graceful shutdown: the drain failed; shutting down anyway", t);
        }
        delegate(sig);
    }

    /** Offline, then wait for drained, on a daemon so a hanging framework cannot hold the shutdown. */
    private void drain() throws InterruptedException {
        final long start = System.nanoTime();
        AgentLogger.info("SIGTERM: taking the node offline and waiting until it drained (at most " + timeoutMillis
                + " ms) before the shutdown hooks run");
        final NodeStatus[] last = new NodeStatus[1];
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    lifecycle.offline();
                    last[0] = lifecycle.awaitDrained(timeoutMillis);
                } catch (Throwable e) {
                    AgentLogger.warnOnce("node:shutdown", "graceful shutdown: the drain failed; shutting down anyway",
                            e);
                }
            }
        }, "graylane-shutdown-drain");
        t.setDaemon(true);
        t.start();
        t.join(timeoutMillis + 100);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        NodeStatus s = last[0];
        if (s != null && s.drained()) {
            AgentLogger.info("SIGTERM: node drained in " + ms + " ms; shutting down");
        } else {
            AgentLogger.warn("SIGTERM: node not drained after " + ms + " ms (" + (s == null ? "a framework did not stop"
                    : s.toJson()) + "); shutting down anyway");
        }
    }

    /** What would have happened without us: the previous handler, or the default action re-raised. */
    private void delegate(Object sig) {
        try {
            if (previous == null || previous == defaults) {
                handleMethod.invoke(null, term, defaults);
                raiseMethod.invoke(null, term);
                return;
            }
            handlerHandle.invoke(previous, sig);
        } catch (InvocationTargetException e) {
            AgentLogger.warn("SIGTERM: the previous handler failed: " + e.getTargetException());
        } catch (Throwable t) {
            AgentLogger.warn("SIGTERM: could not hand over to the previous handler (" + t + "); exiting with 143");
            Runtime.getRuntime().exit(143);
        }
    }
}
