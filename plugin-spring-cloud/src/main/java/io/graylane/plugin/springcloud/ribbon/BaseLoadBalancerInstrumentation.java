package io.graylane.plugin.springcloud.ribbon;

import io.graylane.core.plugin.NamedTypeMatcher;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code com.netflix.loadbalancer.BaseLoadBalancer} (and so {@code DynamicServerListLoadBalancer} and
 * {@code ZoneAwareLoadBalancer}, which Spring Cloud Netflix uses): {@code chooseServer(key)} is where every call picks a
 * server, whatever the rule (RoundRobin, ZoneAvoidance/PredicateBased, AvailabilityFiltering, Random, WeightedResponseTime,
 * BestAvailable, Retry); each of those rules reads the candidates from {@code getAllServers()} and/or
 * {@code getReachableServers()} of this load balancer, so those two are narrowed, but only inside a choice. The pinger
 * and the server-list updater read the fields, not these methods, and run outside a choice.
 */
final class BaseLoadBalancerInstrumentation implements TypeInstrumentation {
    static final String BASE_LOAD_BALANCER = "com.netflix.loadbalancer.BaseLoadBalancer";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return NamedTypeMatcher.named(BASE_LOAD_BALANCER);
    }

    @Override
    public void transform(TypeTransformer t) {
        t.applyAdviceToMethod(named("chooseServer").and(isPublic()).and(takesArguments(1)),
                RibbonAdvice.class.getName() + "$Choose");
        t.applyAdviceToMethod(named("getAllServers").or(named("getReachableServers")).and(isPublic())
                .and(takesArguments(0)), RibbonAdvice.class.getName() + "$ServerList");
    }
}
