package io.graylane.plugin.rocketmq;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code DefaultLitePullConsumer.start()}, {@code shutdown()} and {@code poll(...)}. */
final class LitePullConsumerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named("org.apache.rocketmq.client.consumer.DefaultLitePullConsumer");
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("start").and(takesArguments(0)), RocketMqAdvice.class.getName() + "$LiteStart");
        t.applyAdviceToMethod(named("shutdown").and(takesArguments(0)), RocketMqAdvice.class.getName() + "$Shutdown");
        t.applyAdviceToMethod(isPublic().and(named("poll")).and(returns(named("java.util.List"))),
                RocketMqAdvice.class.getName() + "$Poll");
    }
}
