package io.graylane.testkit.child;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;

import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.ha.DefaultHAService;

/**
 * The broker's HA acceptor binds the wildcard address whatever {@code bindAddress} says (brief, trap 3).
 * RocketMQ loads its HAService through {@code META-INF/service/org.apache.rocketmq.store.ha.HAService};
 * this one is the default service with its listen address moved to 127.0.0.1 before it binds.
 */
public class LoopbackHAService extends DefaultHAService {

    @Override
    public void init(DefaultMessageStore store) throws IOException {
        super.init(store);
        try {
            Field addr = Class.forName(DefaultHAService.class.getName() + "$AcceptSocketService")
                    .getDeclaredField("socketAddressListen");
            addr.setAccessible(true);
            addr.set(acceptSocketService,
                    new InetSocketAddress("127.0.0.1", store.getMessageStoreConfig().getHaListenPort()));
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot bind the HA port to 127.0.0.1", e);
        }
    }
}
