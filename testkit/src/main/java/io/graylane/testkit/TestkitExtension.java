package io.graylane.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: {@code @ExtendWith(TestkitExtension.class)} and declare a {@link NacosServer},
 * {@link RocketMqServer}, {@link ZooKeeperServer} or {@link MariaDbServer} parameter (constructor, {@code @BeforeAll},
 * {@code @BeforeEach} or test method) to get the shared server of {@link Testkit}, started on first use.
 * All test classes of a module run share one server of each kind; they are stopped when the test run
 * ends.
 */
public class TestkitExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestkitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        Class<?> t = p.getParameter().getType();
        return t == NacosServer.class || t == RocketMqServer.class || t == ZooKeeperServer.class
                || t == MariaDbServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        // stop the shared servers when the whole run ends (before the JVM exits)
        ctx.getRoot().getStore(NS).getOrComputeIfAbsent("stopper", k -> new Stopper(), Stopper.class);
        Class<?> t = p.getParameter().getType();
        try {
            if (t == NacosServer.class) {
                return Testkit.sharedNacos();
            }
            if (t == RocketMqServer.class) {
                return Testkit.sharedRocketMq();
            }
            if (t == ZooKeeperServer.class) {
                return Testkit.sharedZooKeeper();
            }
            if (t == MariaDbServer.class) {
                return Testkit.sharedMariaDb();
            }
        } catch (TestkitException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        throw new ParameterResolutionException("not a testkit server type: " + t);
    }

    private static final class Stopper implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            Testkit.stopShared();
        }
    }
}
