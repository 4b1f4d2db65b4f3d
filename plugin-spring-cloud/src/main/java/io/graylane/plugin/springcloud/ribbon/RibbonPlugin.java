package io.graylane.plugin.springcloud.ribbon;

import io.graylane.bootstrap.http.RibbonChoice;
import io.graylane.core.plugin.GraylanePlugin;
import io.graylane.core.plugin.PluginContext;
import io.graylane.core.plugin.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

/**
 * Lane-aware server choice for Netflix Ribbon (Spring Cloud Netflix up to Hoxton: {@code @LoadBalanced RestTemplate}
 * through {@code RibbonLoadBalancerClient}, OpenFeign through {@code LoadBalancerFeignClient}, Zuul through
 * {@code RibbonRoutingFilter}): while a {@code BaseLoadBalancer} chooses a server, the lists its rule reads are narrowed
 * to the request's lane with the same semantics and metrics as the Spring Cloud LoadBalancer support
 * ({@link io.graylane.plugin.springcloud.choice.LaneChoice}). Strictness is {@code graylane.http.strict}, read by the
 * spring-cloud plugin. Active only where Ribbon's load balancer is on the class path.
 */
public final class RibbonPlugin implements GraylanePlugin {
    @Override
    public String name() {
        return "ribbon";
    }

    @Override
    public List<String> witnessClasses() {
        return Collections.singletonList(BaseLoadBalancerInstrumentation.BASE_LOAD_BALANCER);
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return Collections.<TypeInstrumentation>singletonList(new BaseLoadBalancerInstrumentation());
    }

    @Override
    public void start(PluginContext context) {
        RibbonChoice.install(new RibbonHandlers(this));
    }
}
