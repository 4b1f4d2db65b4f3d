package io.graylane.plugin.rocketmq.client5;

import io.graylane.plugin.rocketmq.client.ConsumerLanes;

/** Consumer lanes for rocketmq-client 5.x. */
public final class Client5Lanes extends ConsumerLanes {
    public Client5Lanes() {
        super(new Client5Protocol());
    }
}
