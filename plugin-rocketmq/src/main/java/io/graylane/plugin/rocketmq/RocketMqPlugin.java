package io.graylane.plugin.rocketmq;

import io.graylane.bootstrap.mq.MqBridge;
import io.graylane.core.config.ConfigKeys;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Message lanes for the Apache RocketMQ remoting client (4.9.x and 5.x): producers stamp the current lane as a user
 * property; a gray node's consumers join their lane's group with a SQL92 lane filter; baseline consumers exclude the
 * lanes that have live consumers, and drain a lane's backlog when it retires; listeners run in the message's lane.
 */
public final class RocketMqPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "rocketmq";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList("org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Arrays.<TypeInstrumentation>asList(
                new ProducerInstrumentation(),
                new PushConsumerInstrumentation(),
                new LitePullConsumerInstrumentation(),
                new OffsetStoreInstrumentation());
    }

    @Override
    public void start(PluginContext context) {
        String property = context.config().get(ConfigKeys.MQ_PROPERTY);
        String template = context.config().get(ConfigKeys.MQ_GROUP_TEMPLATE);
        int refresh = context.config().getInt(ConfigKeys.MQ_REFRESH_MILLIS);
        LaneExpressions expressions = new LaneExpressions(property, template);
        MqSettings.install(new MqSettings(expressions, context.nodeLane(), refresh));
        MqBridge.install(new MqHandlers(this), property);
    }
}
