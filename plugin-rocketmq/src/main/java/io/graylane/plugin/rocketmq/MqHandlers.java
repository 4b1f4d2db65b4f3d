package io.graylane.plugin.rocketmq;

import io.graylane.bootstrap.mq.MqBridge;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.helper.HelperVersion;
import io.graylane.core.plugin.helper.TypedHelpers;

import java.util.Arrays;
import java.util.List;

/**
 * The handler the bootstrap bridge calls: hands each call to the typed helper of the client in the framework
 * object's class loader ({@code client5.Client5Lanes} or {@code client4.Client4Lanes}); a client outside the
 * supported versions is left alone.
 */
final class MqHandlers implements MqBridge.Handler {
    private static final String PKG = MqHandlers.class.getPackage().getName();
    /** Present in every supported client version: helpers are kept per the loader that holds it. */
    static final String ANCHOR = "org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore";

    private final TypedHelpers<MqBridge.Handler> helpers;

    MqHandlers(GraylanePlugin plugin) {
        List<String> packages = Arrays.asList(PKG + ".client.", PKG + ".client4.", PKG + ".client5.");
        helpers = new TypedHelpers<MqBridge.Handler>(plugin, MqBridge.Handler.class, ANCHOR, packages,
                HelperVersion.of("rocketmq-client 5.x", PKG + ".client5.Client5Lanes",
                        "org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetRequestHeader"),
                HelperVersion.of("rocketmq-client 4.9.x", PKG + ".client4.Client4Lanes",
                        "org.apache.rocketmq.common.protocol.header.QueryConsumerOffsetRequestHeader",
                        "org.apache.rocketmq.client.consumer.DefaultLitePullConsumer"));
    }

    @Override
    public void consumerStarting(Object consumer, Object liteImpl) throws Throwable {
        MqBridge.Handler h = helpers.forObject(consumer);
        if (h != null) {
            h.consumerStarting(consumer, liteImpl);
        }
    }

    @Override
    public Throwable consumerStarted(Object consumer, Throwable thrown) throws Throwable {
        MqBridge.Handler h = helpers.forObject(consumer);
        return h == null ? thrown : h.consumerStarted(consumer, thrown);
    }

    @Override
    public void consumerShutdown(Object consumer) throws Throwable {
        MqBridge.Handler h = helpers.forObject(consumer);
        if (h != null) {
            h.consumerShutdown(consumer);
        }
    }

    @Override
    public long storeOffset(Object offsetStore, Object clientFactory, String group, Object mq, long offset)
            throws Throwable {
        MqBridge.Handler h = helpers.forObject(offsetStore);
        return h == null ? offset : h.storeOffset(offsetStore, clientFactory, group, mq, offset);
    }

    @Override
    public List<?> polled(Object consumer, List<?> messages) throws Throwable {
        MqBridge.Handler h = helpers.forObject(consumer);
        return h == null ? messages : h.polled(consumer, messages);
    }
}
