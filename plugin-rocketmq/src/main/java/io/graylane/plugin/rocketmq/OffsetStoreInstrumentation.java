package io.graylane.plugin.rocketmq;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code RemoteBrokerOffsetStore.readOffset(mq, type)}: with {@code READ_FROM_STORE} it answers where a newly assigned
 * queue starts; a lane group starting fresh starts where the baseline group stands (lane start, nothing lost).
 */
final class OffsetStoreInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("readOffset").and(takesArguments(2)), RocketMqAdvice.class.getName() + "$ReadOffset");
    }
}
