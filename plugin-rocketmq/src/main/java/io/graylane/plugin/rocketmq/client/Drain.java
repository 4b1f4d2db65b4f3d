package io.graylane.plugin.rocketmq.client;

import org.apache.rocketmq.common.message.MessageQueue;

import java.util.Map;

/** A baseline node's consumer of a retired lane's group, running until the backlog it had when it began is consumed. */
final class Drain {
    final String lane;
    final String laneGroup;
    final ConsumerState owner;
    final ConsumerState state;
    final long startedMillis = System.currentTimeMillis();
    /** Per queue, the max offset when the drain began; null until taken. */
    volatile Map<MessageQueue, Long> targets;
    volatile boolean stopped;

    Drain(String lane, String laneGroup, ConsumerState owner, ConsumerState state) {
        this.lane = lane;
        this.laneGroup = laneGroup;
        this.owner = owner;
        this.state = state;
    }
}
