package io.graylane.bench.node;

import org.apache.dubbo.config.annotation.DubboService;

/** The provider side of the node's Dubbo service. */
@DubboService
public class GreeterService implements Greeter {
    @Override
    public String greet(String name) {
        return "hello " + name;
    }
}
