package io.graylane.plugin.rocketmq.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The consumers of one application class loader that the plugin looks after, and its lane groups by name. */
final class ConsumerRegistry {
    private final Map<Object, ConsumerState> consumers =
            Collections.synchronizedMap(new IdentityHashMap<Object, ConsumerState>());
    /** Lane groups of this node's gray consumers, and of drains, by group name (for the offset advice). */
    private final ConcurrentMap<String, ConsumerState> laneGroups = new ConcurrentHashMap<String, ConsumerState>();

    ConsumerState get(Object consumer) {
        return consumers.get(consumer);
    }

    void add(ConsumerState s) {
        consumers.put(s.consumer(), s);
    }

    void addLaneGroup(String group, ConsumerState s) {
        laneGroups.put(group, s);
    }

    ConsumerState laneGroup(String group) {
        return laneGroups.get(group);
    }

    /** The application's push consumer (not a drain) that owns {@code offsetStore}, or null. */
    ConsumerState byOffsetStore(Object offsetStore) {
        synchronized (consumers) {
            for (ConsumerState s : consumers.values()) {
                if (s.push != null && !s.drain && s.push.getDefaultMQPushConsumerImpl().getOffsetStore() == offsetStore) {
                    return s;
                }
            }
        }
        return null;
    }

    void forget(ConsumerState s) {
        consumers.remove(s.consumer());
        laneGroups.remove(s.group, s);
    }

    List<ConsumerState> all() {
        synchronized (consumers) {
            return new ArrayList<ConsumerState>(consumers.values());
        }
    }
}
