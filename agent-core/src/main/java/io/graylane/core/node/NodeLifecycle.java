package io.graylane.core.node;

import io.graylane.bootstrap.node.HealthGate;
import io.graylane.core.logging.AgentLogger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node's release lifecycle: {@code online → offline → drained → online}. {@link #offline()} asks every registered
 * {@link NodeWork} to stop taking work (and every one that registers later, while the node is offline); the node is
 * {@link NodeState#DRAINED} once every framework stopped without error, nothing is in flight and no new work was seen
 * for the quiet period, checked by a watcher thread every few milliseconds. New work after that makes the node
 * {@link NodeState#OFFLINE} again: drained is proven, never assumed. {@link #online()} resumes every framework.
 * A framework that fails is logged once and reported in its {@link FrameworkStatus}; the others go on. Never throws.
 */
public final class NodeLifecycle {
    private static volatile NodeLifecycle current;

    private final long quietNanos;
    private final long tickMillis;
    private final Map<NodeWork, Part> parts = new IdentityHashMap<NodeWork, Part>();
    private boolean offline;
    private long offlineSinceNanos;
    private long lastWorkNanos;
    private NodeState state = NodeState.ONLINE;
    private Thread watcher;

    /** What the lifecycle knows about one framework. Guarded by the lifecycle. */
    private static final class Part {
        boolean stopped;
        long lastStarted = Long.MIN_VALUE;
        String error;
    }

    public NodeLifecycle(long quietMillis) {
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        this.tickMillis = Math.max(2, Math.min(25, quietMillis / 10));
    }

    /** The lifecycle of this JVM's agent; null before the agent started or when it is disabled. */
    public static NodeLifecycle current() {
        return current;
    }

    public static void install(NodeLifecycle lifecycle) {
        current = lifecycle;
    }

    /** False while the node is offline or drained (cheap: a volatile read). */
    public static boolean isOnline() {
        return !HealthGate.isOffline();
    }

    /** Stops taking work on every framework; returns at once (see {@link #awaitDrained}). Repeating it is harmless. */
    public synchronized NodeStatus offline() {
        if (!offline) {
            offline = true;
            HealthGate.offline(true);
            offlineSinceNanos = System.nanoTime();
            lastWorkNanos = offlineSinceNanos;
            state = NodeState.OFFLINE;
            AgentLogger.info("node going offline: every framework stops taking work");
            startWatcher();
        }
        return evaluate();
    }

    /** Takes work again on every framework. Repeating it is harmless. */
    public synchronized NodeStatus online() {
        if (offline) {
            offline = false;
            HealthGate.offline(false);
            state = NodeState.ONLINE;
            for (NodeWork w : NodeWorkRegistry.all()) {
                Part p = part(w);
                p.error = null;
                try {
                    w.resumeWork();
                    p.stopped = false;
                } catch (Throwable t) {
                    p.error = "resume failed: " + t;
                    AgentLogger.warnOnce("node:resume:" + name(w), "node online: " + name(w)
                            + " could not resume taking work; the other frameworks did (logged once)", t);
                }
            }
            AgentLogger.info("node online: every framework takes work again");
            notifyAll();
        }
        return evaluate();
    }

    public synchronized NodeStatus status() {
        return evaluate();
    }

    /** Waits until the node is drained, it goes online again, or {@code timeoutMillis} passed; the last status. */
    public synchronized NodeStatus awaitDrained(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        NodeStatus s = evaluate();
        while (offline && !s.drained()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(Math.min(left, tickMillis));
            s = evaluate();
        }
        return s;
    }

    /** Looks at every framework now; guarded by this. */
    private NodeStatus evaluate() {
        long now = System.nanoTime();
        List<FrameworkStatus> out = new ArrayList<FrameworkStatus>();
        boolean allStopped = true;
        boolean work = false;
        for (NodeWork w : NodeWorkRegistry.all()) {
            Part p = part(w);
            if (offline && !p.stopped && p.error == null) {
                stop(w, p);
            }
            long inFlight;
            long started;
            try {
                inFlight = w.inFlight();
                started = w.startedTotal();
            } catch (Throwable t) {
                inFlight = -1;
                started = -1;
                if (p.error == null) {
                    p.error = "count failed: " + t;
                }
                AgentLogger.warnOnce("node:count:" + name(w), "node: " + name(w)
                        + " could not count its work in flight; the node is not reported drained (logged once)", t);
            }
            if (inFlight != 0 || (started != p.lastStarted && p.lastStarted != Long.MIN_VALUE)) {
                work = true;
            }
            p.lastStarted = started;
            allStopped &= p.stopped;
            out.add(new FrameworkStatus(name(w), inFlight, p.stopped, p.error));
        }
        if (work) {
            lastWorkNanos = now;
        }
        NodeState next = !offline ? NodeState.ONLINE
                : allStopped && now - lastWorkNanos >= quietNanos ? NodeState.DRAINED : NodeState.OFFLINE;
        if (next != state) {
            if (next == NodeState.DRAINED) {
                AgentLogger.info("node drained " + TimeUnit.NANOSECONDS.toMillis(now - offlineSinceNanos)
                        + " ms after going offline: nothing in flight, nothing new for "
                        + TimeUnit.NANOSECONDS.toMillis(quietNanos) + " ms");
            } else if (state == NodeState.DRAINED) {
                AgentLogger.warn("node offline but new work arrived after it drained; no longer drained");
            }
            state = next;
            notifyAll();
        }
        return new NodeStatus(state, offline ? TimeUnit.NANOSECONDS.toMillis(now - offlineSinceNanos) : 0,
                offline ? TimeUnit.NANOSECONDS.toMillis(now - lastWorkNanos) : 0, out);
    }

    private static void stop(NodeWork w, Part p) {
        try {
            w.stopTakingWork();
            p.stopped = true;
        } catch (Throwable t) {
            p.error = "stop failed: " + t;
            AgentLogger.warnOnce("node:stop:" + name(w), "node offline: " + name(w)
                    + " could not stop taking work; the other frameworks did; the node is not reported drained"
                    + " (logged once)", t);
        }
    }

    private Part part(NodeWork w) {
        Part p = parts.get(w);
        if (p == null) {
            p = new Part();
            parts.put(w, p);
        }
        return p;
    }

    private static String name(NodeWork w) {
        try {
            String n = w.framework();
            return n == null ? w.getClass().getName() : n;
        } catch (Throwable t) {
            return w.getClass().getName();
        }
    }

    /** A daemon that looks every few ms while the node is offline, so work between two status calls is seen. */
    private void startWatcher() {
        if (watcher != null && watcher.isAlive()) {
            return;
        }
        watcher = new Thread(new Runnable() {
            @Override
            public void run() {
                watch();
            }
        }, "graylane-node-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (true) {
            try {
                synchronized (this) {
                    if (!offline) {
                        watcher = null;
                        return;
                    }
                    evaluate();
                }
            } catch (Throwable t) {
                AgentLogger.warnOnce("node:watch", "node watcher: unexpected failure; it goes on (logged once)", t);
            }
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
