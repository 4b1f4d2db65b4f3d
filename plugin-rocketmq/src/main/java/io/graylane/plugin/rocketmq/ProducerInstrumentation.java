package io.graylane.plugin.rocketmq;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * The public send entry points of {@code DefaultMQProducer} (and {@code TransactionMQProducer}, which overrides
 * {@code sendMessageInTransaction}): sync, async, oneway, batch, request/reply, transactional.
 */
final class ProducerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.rocketmq.client.producer.DefaultMQProducer",
                "org.apache.rocketmq.client.producer.TransactionMQProducer");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(isPublic()
                        .and(namedOneOf("send", "sendOneway", "request", "sendMessageInTransaction"))
                        .and(takesArgument(0, named("org.apache.rocketmq.common.message.Message"))
                                .or(takesArgument(0, named("java.util.Collection")))),
                RocketMqAdvice.class.getName() + "$Stamp");
    }
}
