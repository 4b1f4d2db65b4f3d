package io.graylane.rules.sdk;

import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleHolder;
import io.graylane.rules.RuleLog;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Follows the agent's live rules from the application's class loader. The agent publishes every
 * applied document (as JSON text with a generation number) on the bootstrap class
 * {@code io.graylane.bootstrap.RulesBridge}; when that class exists, {@link #document()} reads the
 * generation (one volatile read) and recompiles only when it changed. Without the agent the class is
 * absent and {@link #document()} returns null. JDK types only: no compile-time link to the agent.
 */
final class AgentBridge {
    /** Split so that relocating the agent's own copy of this class never rewrites the name. */
    private static final String BRIDGE_CLASS = "io.graylane." + "bootstrap.RulesBridge";

    private static final MethodHandle GENERATION;
    private static final MethodHandle CURRENT;
    private static final MethodHandle JSON;
    private static final MethodHandle ORIGIN;

    static {
        MethodHandle g = null;
        MethodHandle c = null;
        MethodHandle j = null;
        MethodHandle o = null;
        try {
            Class<?> bridge = Class.forName(BRIDGE_CLASS, false, null); // bootstrap class path only
            Class<?> published = Class.forName(BRIDGE_CLASS + "$Published", false, null);
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            g = l.findStatic(bridge, "generation", MethodType.methodType(long.class));
            c = l.findStatic(bridge, "current", MethodType.methodType(published)).asType(MethodType.methodType(Object.class));
            j = l.findVirtual(published, "json", MethodType.methodType(String.class)).asType(MethodType.methodType(String.class, Object.class));
            o = l.findVirtual(published, "origin", MethodType.methodType(String.class)).asType(MethodType.methodType(String.class, Object.class));
        } catch (Throwable absent) {
            g = null; // no agent (or an incompatible one): the SDK works on its own holder
        }
        GENERATION = g;
        CURRENT = c;
        JSON = j;
        ORIGIN = o;
    }

    private static final RuleHolder BRIDGED = new RuleHolder();
    private static volatile long seen;

    static {
        BRIDGED.setLog(RuleLog.SILENT);
    }

    private AgentBridge() {
    }

    static boolean present() {
        return GENERATION != null;
    }

    /** The agent's current document, or null when there is no agent or it has published nothing yet. */
    static RuleDocument document() {
        if (GENERATION == null) {
            return null;
        }
        long g;
        try {
            g = (long) GENERATION.invokeExact();
        } catch (Throwable e) {
            return null;
        }
        if (g == 0) {
            return null;
        }
        if (g != seen) {
            refresh(g);
        }
        return BRIDGED.current();
    }

    private static synchronized void refresh(long g) {
        if (g == seen) {
            return;
        }
        try {
            Object p = (Object) CURRENT.invokeExact();
            if (p != null) {
                String json = (String) JSON.invokeExact(p);
                String origin = (String) ORIGIN.invokeExact(p);
                BRIDGED.update(json, "agent:" + origin);
            }
        } catch (Throwable e) {
            // keep what we have
        }
        seen = g;
    }
}
