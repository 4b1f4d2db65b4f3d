package io.graylane.testkit;

/**
 * One shared server of each kind per test JVM: started on first use, stopped when the JVM exits (or by
 * {@link #stopShared()}). Surefire runs a module's test classes in one JVM, so they share one server per
 * module run. Shared servers must be treated as shared: use unique data ids, topics and groups.
 */
public final class Testkit {

    private static NacosServer nacos;
    private static RocketMqServer rocketMq;
    private static ZooKeeperServer zooKeeper;
    private static MariaDbServer mariaDb;
    private static boolean hooked;

    private Testkit() {
    }

    /** The shared Nacos server (started, and ready, on first use). */
    public static synchronized NacosServer sharedNacos() {
        hook();
        if (nacos == null || !nacos.isAlive()) {
            nacos = NacosServer.start();
        }
        return nacos;
    }

    /** The shared RocketMQ name server + broker, SQL92 filtering on. */
    public static synchronized RocketMqServer sharedRocketMq() {
        hook();
        if (rocketMq == null || !rocketMq.isAlive()) {
            rocketMq = RocketMqServer.start(true);
        }
        return rocketMq;
    }

    /** The shared ZooKeeper. */
    public static synchronized ZooKeeperServer sharedZooKeeper() {
        hook();
        if (zooKeeper == null || !zooKeeper.isAlive()) {
            zooKeeper = ZooKeeperServer.start();
        }
        return zooKeeper;
    }

    /** The shared MariaDB (give each test its own database: {@link MariaDbServer#createDatabase}). */
    public static synchronized MariaDbServer sharedMariaDb() {
        hook();
        if (mariaDb == null || !mariaDb.isAlive()) {
            mariaDb = MariaDbServer.start();
        }
        return mariaDb;
    }

    /** Stops the shared servers now (they are also stopped at JVM exit). */
    public static synchronized void stopShared() {
        if (nacos != null) {
            nacos.close();
            nacos = null;
        }
        if (rocketMq != null) {
            rocketMq.close();
            rocketMq = null;
        }
        if (zooKeeper != null) {
            zooKeeper.close();
            zooKeeper = null;
        }
        if (mariaDb != null) {
            mariaDb.close();
            mariaDb = null;
        }
    }

    private static void hook() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Testkit::stopShared, "testkit-stop-shared"));
        }
    }
}
