package io.graylane.bootstrap.node;

import io.graylane.bootstrap.AgentBridge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What advice calls when a framework starts taking work in some class loader (a Dubbo service is exported): the
 * plugin's handler, in the agent's class loader, registers that framework's part of the node lifecycle. Never throws.
 */
public final class NodeBridge {
    /** Implemented by a plugin in the agent's class loader. */
    public interface Handler {
        /** @param detail what else the framework handed over (e.g. a registration), may be null */
        void started(Object frameworkObject, Object detail) throws Throwable;
    }

    private static final Map<String, Handler> HANDLERS = new ConcurrentHashMap<String, Handler>();

    private NodeBridge() {
    }

    public static void install(String framework, Handler h) {
        HANDLERS.put(framework, h);
    }

    public static void started(String framework, Object frameworkObject) {
        started(framework, frameworkObject, null);
    }

    public static void started(String framework, Object frameworkObject, Object detail) {
        Handler h = HANDLERS.get(framework);
        if (h == null || frameworkObject == null) {
            return;
        }
        try {
            h.started(frameworkObject, detail);
        } catch (Throwable t) {
            AgentBridge.adviceFailed(t);
        }
    }
}
