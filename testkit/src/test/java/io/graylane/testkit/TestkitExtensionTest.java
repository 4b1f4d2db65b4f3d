package io.graylane.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestkitExtension.class)
class TestkitExtensionTest {

    private final ZooKeeperServer injectedInConstructor;

    TestkitExtensionTest(ZooKeeperServer zk) {
        this.injectedInConstructor = zk;
    }

    @Test
    void injectsTheSharedServers(ZooKeeperServer zk, RocketMqServer mq) throws Exception {
        assertSame(injectedInConstructor, zk);
        assertSame(Testkit.sharedZooKeeper(), zk);
        assertSame(Testkit.sharedRocketMq(), mq);
        // the injected server serves: a znode written through it reads back (RoundTrips throws otherwise)
        assertDoesNotThrow(() -> RoundTrips.zooKeeper(zk), "znode round trip through the injected ZooKeeper");
    }
}
