package io.graylane.core.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link NodeWork} of every framework that started in this JVM. Registration is idempotent per instance. */
public final class NodeWorkRegistry {
    private static final List<NodeWork> WORK = new CopyOnWriteArrayList<NodeWork>();

    private NodeWorkRegistry() {
    }

    public static void register(NodeWork work) {
        if (work != null && !WORK.contains(work)) {
            WORK.add(work);
        }
    }

    public static void unregister(NodeWork work) {
        WORK.remove(work);
    }

    /** A snapshot, in registration order. */
    public static List<NodeWork> all() {
        return Collections.unmodifiableList(new ArrayList<NodeWork>(WORK));
    }
}
