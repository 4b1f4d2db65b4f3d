package io.graylane.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1. Ports are drawn at random below the Linux ephemeral range (32768+), so
 * outgoing connections do not take them between the probe and the server's bind, and never handed out
 * twice by one JVM.
 */
public final class Ports {

    static final int LOW = 11000;
    static final int HIGH = 32000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** True when a server could bind {@code 127.0.0.1:port} now (nothing listens there nor on the wildcard). */
    public static boolean isFree(int port) {
        if (port <= 0 || port > 65535) {
            return false;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // a port whose old connections sit in TIME_WAIT is free for a server
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One free port. */
    public static int free() {
        return freeWithOffsets(0);
    }

    /**
     * A port {@code p} such that {@code p + offset} is free for every offset given (servers that derive
     * ports from a main port: Nacos p-1000, p+1000, p+1001; the RocketMQ broker p-2).
     */
    public static synchronized int freeWithOffsets(int... offsets) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int min = 0;
        int max = 0;
        for (int o : offsets) {
            min = Math.min(min, o);
            max = Math.max(max, o);
        }
        for (int attempt = 0; attempt < 2000; attempt++) {
            int p = LOW - min + rnd.nextInt(HIGH - LOW - (max - min));
            boolean ok = true;
            for (int o : offsets) {
                if (GIVEN.contains(p + o) || !isFree(p + o)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                for (int o : offsets) {
                    GIVEN.add(p + o);
                }
                return p;
            }
        }
        throw new TestkitException("no free port block on 127.0.0.1 in " + LOW + ".." + HIGH);
    }
}
