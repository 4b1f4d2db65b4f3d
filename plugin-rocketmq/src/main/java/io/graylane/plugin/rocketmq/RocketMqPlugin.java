package io.graylane.plugin.rocketmq;

import io.graylane.bootstrap.mq.MqBridge;
import io.graylane.core.config.ConfigKey;
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
    static final ConfigKey PROPERTY = ConfigKey.of("graylane.mq.property", ConfigKey.Type.STRING, "graylane_lane",
            "message user property that carries the lane (RocketMQ)").checkedBy(new ConfigKey.Check() {
                @Override
                public String problem(String value) {
                    return LaneExpressions.validProperty(value) ? null
                            : "expected a message property name (letters, digits, '_', not starting with a digit)";
                }
            });
    static final ConfigKey GROUP_TEMPLATE = ConfigKey.of("graylane.mq.groupTemplate", ConfigKey.Type.STRING,
            LaneExpressions.DEFAULT_TEMPLATE, "consumer group a gray node's consumers join (${group}, then ${lane})")
            .checkedBy(new ConfigKey.Check() {
                @Override
                public String problem(String value) {
                    return LaneExpressions.templateProblem(value);
                }
            });
    static final ConfigKey REFRESH_MILLIS = ConfigKey.of("graylane.mq.refreshMillis", ConfigKey.Type.POSITIVE_INT,
            "1000", "how often baseline consumers ask the broker which lanes have live consumers, and check drains");

    @Override
    public String name() {
        return "rocketmq";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList("org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore");
    }

    @Override
    public List<ConfigKey> configKeys() {
        return Arrays.asList(PROPERTY, GROUP_TEMPLATE, REFRESH_MILLIS);
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
        String property = context.config().get(PROPERTY);
        String template = context.config().get(GROUP_TEMPLATE);
        int refresh = context.config().getInt(REFRESH_MILLIS);
        LaneExpressions expressions = new LaneExpressions(property, template);
        MqSettings.install(new MqSettings(expressions, context.nodeLane(), refresh));
        MqBridge.install(new MqHandlers(this), property);
    }
}
