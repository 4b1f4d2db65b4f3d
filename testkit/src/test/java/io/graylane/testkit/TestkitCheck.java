package io.graylane.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code testkit.sh check}: starts the three servers, does one real round trip on each (a Nacos config
 * published over HTTP and received by a listener in a separate JVM; RocketMQ send + receive through SQL92
 * gray/baseline subscriptions with exact counts; a znode created and read), checks every listening port
 * is on loopback, stops them, checks nothing is left. Last line:
 * {@code testkit nacos=<s>s rocketmq=<s>s zookeeper=<s>s rss=<MB>MB ok}, or what failed (exit 1).
 */
public final class TestkitCheck {

    private static final Duration T = Duration.ofSeconds(120);

    private TestkitCheck() {
    }

    public static void main(String[] args) {
        List<String> failed = new ArrayList<>();
        List<TestkitServer> servers = new ArrayList<>();
        ZooKeeperServer zk = null;
        RocketMqServer mq = null;
        NacosServer nacos = null;
        try {
            zk = ZooKeeperServer.start();
            servers.add(zk);
            long ms = RoundTrips.zooKeeper(zk);
            loopback(zk, failed, "zookeeper");
            say("zookeeper %s ready in %.1f s; znode create+read %d ms", zk.connectString(), zk.startSeconds(), ms);
        } catch (Exception | Error e) {
            fail(failed, "zookeeper", e);
        }
        try {
            mq = RocketMqServer.start(true);
            servers.add(mq);
            String topic = "check_" + UUID.randomUUID().toString().substring(0, 8);
            RoundTrips.Split s = RoundTrips.rocketMqSql92(mq, topic, 20, 20, 10, T);
            if (s.grayReceived != 20 || s.baselineReceived != 30) {
                throw new TestkitException("SQL92 split wrong: " + s + ", expected gray=20 baseline=30");
            }
            loopback(mq, failed, "rocketmq");
            say("rocketmq %s ready in %.1f s (first SEND_OK %d ms after broker start); SQL92 split %s",
                    mq.namesrvAddr(), mq.startSeconds(), mq.firstSendMillis(), s);
        } catch (Exception | Error e) {
            fail(failed, "rocketmq", e);
        }
        try {
            nacos = NacosServer.start();
            servers.add(nacos);
            long latency = RoundTrips.nacosListen(nacos, T);
            loopback(nacos, failed, "nacos");
            say("nacos %s (console %s) ready in %.1f s; listener in a separate JVM got the publish after %d ms",
                    nacos.serverAddr(), nacos.consoleUrl(), nacos.startSeconds(), latency);
        } catch (Exception | Error e) {
            fail(failed, "nacos", e);
        }
        long rss = 0;
        for (TestkitServer s : servers) {
            long r = s.rssMegabytes();
            say("rss %s pid %d: %d MB", s.getClass().getSimpleName(), s.pid(), r);
            rss += Math.max(0, r);
        }
        for (TestkitServer s : servers) {
            long pid = s.pid();
            s.close();
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                failed.add(s.getClass().getSimpleName() + " pid " + pid + " still running after stop");
            }
        }
        say("stopped all; no server process left: %s", ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive));
        if (failed.isEmpty()) {
            System.out.println(String.format(Locale.ROOT, "testkit nacos=%.1fs rocketmq=%.1fs zookeeper=%.1fs rss=%dMB ok",
                    nacos.startSeconds(), mq.startSeconds(), zk.startSeconds(), rss));
            System.exit(0);
        }
        System.out.println("testkit FAILED: " + String.join("; ", failed));
        System.exit(1);
    }

    private static void loopback(TestkitServer s, List<String> failed, String name) {
        List<String> l = Sockets.listening(s.pid());
        if (!Sockets.allLoopback(l)) {
            failed.add(name + " listens beyond loopback: " + l);
        }
    }

    private static void fail(List<String> failed, String name, Throwable e) {
        System.out.println(name + " FAILED: " + e);
        e.printStackTrace(System.out);
        String m = String.valueOf(e.getMessage());
        failed.add(name + " (" + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m) + ")");
    }

    private static void say(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
    }
}
