package io.graylane.plugin.rocketmq.client4;

import io.graylane.plugin.rocketmq.client.ConsumerLanes;

/** Consumer lanes for rocketmq-client 4.9.x. */
public final class Client4Lanes extends ConsumerLanes {
    public Client4Lanes() {
        super(new Client4Protocol());
    }
}
