package io.graylane.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code testkit.sh start nacos|rocketmq|zookeeper|mariadb|all [...]}: starts the servers, prints their addresses
 * (also written to target/testkit-cli.env), and keeps them up until this JVM is stopped (Ctrl-C,
 * {@code testkit.sh stop}, SIGTERM); the servers die with it. Ports are free ones unless ZOOKEEPER_PORT,
 * MARIADB_PORT, ROCKETMQ_PORT (name server), NACOS_PORT (main; uses P-1000, P+1000, P+1001 too), NACOS_CONSOLE_PORT say.
 */
public final class TestkitCli {

    private TestkitCli() {
    }

    /** Fixed ports from the environment (ZOOKEEPER_PORT, ROCKETMQ_PORT, NACOS_PORT, NACOS_CONSOLE_PORT). */
    private static int port(String env) {
        String v = System.getenv(env);
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v.trim());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"start".equals(args[0])) {
            System.err.println("usage: TestkitCli start nacos|rocketmq|zookeeper|mariadb|all [...]");
            System.exit(2);
        }
        Set<String> what = new LinkedHashSet<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "all":
                    what.add("zookeeper");
                    what.add("rocketmq");
                    what.add("nacos");
                    break;
                case "nacos":
                case "rocketmq":
                case "zookeeper":
                case "mariadb":
                    what.add(args[i]);
                    break;
                default:
                    System.err.println("unknown server: " + args[i]);
                    System.exit(2);
            }
        }
        List<TestkitServer> started = new ArrayList<>();
        List<String> env = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (TestkitServer s : started) {
                s.close();
            }
            System.out.println("testkit: stopped");
        }, "testkit-cli-stop"));
        try {
            for (String w : what) {
                switch (w) {
                    case "zookeeper": {
                        ZooKeeperServer zk = ZooKeeperServer.start(port("ZOOKEEPER_PORT"));
                        started.add(zk);
                        System.out.printf("zookeeper  connectString=%s  (pid %d, %.1f s)%n", zk.connectString(),
                                zk.pid(), zk.startSeconds());
                        env.add("ZOOKEEPER_CONNECT=" + zk.connectString());
                        break;
                    }
                    case "mariadb": {
                        MariaDbServer db = MariaDbServer.start(port("MARIADB_PORT"));
                        started.add(db);
                        System.out.printf("mariadb    jdbc=%s  user=root (no password)  (mariadbd pid %d, %.1f s)%n",
                                db.jdbcUrl("mysql"), db.serverPid(), db.startSeconds());
                        env.add("MARIADB_PORT=" + db.port());
                        break;
                    }
                    case "rocketmq": {
                        RocketMqServer mq = RocketMqServer.start(port("ROCKETMQ_PORT"), true);
                        started.add(mq);
                        System.out.printf("rocketmq   namesrvAddr=%s  broker=%s  sql92=on  (pid %d, %.1f s)%n",
                                mq.namesrvAddr(), mq.brokerAddr(), mq.pid(), mq.startSeconds());
                        env.add("ROCKETMQ_NAMESRV=" + mq.namesrvAddr());
                        break;
                    }
                    default: {
                        NacosServer n = NacosServer.start(port("NACOS_PORT"), port("NACOS_CONSOLE_PORT"));
                        started.add(n);
                        System.out.printf("nacos      serverAddr=%s  console=%s  (pid %d, %.1f s)%n", n.serverAddr(),
                                n.consoleUrl(), n.pid(), n.startSeconds());
                        env.add("NACOS_ADDR=" + n.serverAddr());
                        env.add("NACOS_CONSOLE=" + n.consoleUrl());
                        break;
                    }
                }
            }
        } catch (TestkitException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        Path envFile = TestkitHome.home().resolve("testkit-cli.env");
        try {
            Files.write(envFile, env);
        } catch (IOException e) {
            System.err.println("cannot write " + envFile + ": " + e);
        }
        System.out.println("testkit: up (pid " + ProcessHandle.current().pid() + "); addresses in " + envFile
                + "; Ctrl-C or testkit.sh stop to stop");
        new CountDownLatch(1).await();
    }
}
