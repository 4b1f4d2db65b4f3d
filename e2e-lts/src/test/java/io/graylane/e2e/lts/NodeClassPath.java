package io.graylane.e2e.lts;

import io.graylane.testkit.app.AppJvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path of a forked node. This module's test class path holds LTS 1.7.0's libraries and Dubbo 3.3's; three
 * artifacts exist in both at different versions (netty, ZooKeeper, javassist), so each node gets one side: an LTS node
 * LTS's (netty-all 4.0.20, ZooKeeper 3.4.12, javassist 3.20), a node with Dubbo Dubbo's (netty 4.2 modules, ZooKeeper
 * 3.8.4 and javassist 3.30.2 from target/dubbo-libs), and no jar of the other side. A TaskTracker with Dubbo runs LTS
 * on its MINA remoting and its own ZooKeeper client ({@link #LTS_WITHOUT_NETTY}), which need neither netty nor zkclient
 * (LTS's third remoting, its own NIO "lts", is not usable: its client writes before the connection is made,
 * {@code NotYetConnectedException}).
 */
final class NodeClassPath {
    /** LTS config for a node on {@link #dubbo()}: LTS's MINA remoting (no netty) and own ZooKeeper client (no zkclient). */
    static final List<String> LTS_WITHOUT_NETTY = List.of("-Dlts.config.lts.remoting=mina",
            "-Dlts.config.zk.client=lts");

    /** netty 4's separate modules (Dubbo's side); not LTS's fat netty-all 4.0, nor ZooKeeper 3.4's netty 3. */
    private static final java.util.regex.Pattern NETTY_4_MODULE = java.util.regex.Pattern.compile(
            "netty-(?!all-)[a-z0-9-]+-4\\.\\d+\\.\\d+.*\\.jar");

    private NodeClassPath() {
    }

    /** LTS's side: no Dubbo, Curator or netty 4.2 jar. */
    static String lts() {
        return entries().filter(e -> !dubboSide(name(e))).collect(Collectors.joining(File.pathSeparator));
    }

    /** Dubbo's side (with LTS's own jars, for a TaskTracker whose jobs call Dubbo): no netty-all 4.0, ZooKeeper 3.4, javassist 3.20. */
    static String dubbo() {
        List<String> cp = new ArrayList<>();
        entries().filter(e -> !ltsSide(name(e))).forEach(cp::add);
        Path libs = Paths.get(System.getProperty("graylane.e2e.dubbo.libs", "target/dubbo-libs")).toAbsolutePath();
        try (Stream<Path> jars = Files.list(libs)) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> cp.add(j.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Dubbo's libraries are not copied to " + libs
                    + " (maven-dependency-plugin, phase generate-test-resources)", e);
        }
        return String.join(File.pathSeparator, cp);
    }

    private static Stream<String> entries() {
        return Arrays.stream(AppJvm.appClassPath().split(File.pathSeparator));
    }

    private static String name(String entry) {
        return new File(entry).getName();
    }

    private static boolean dubboSide(String jar) {
        return jar.startsWith("dubbo-") || jar.startsWith("curator-") || NETTY_4_MODULE.matcher(jar).matches();
    }

    private static boolean ltsSide(String jar) {
        return jar.startsWith("netty-all-") || jar.startsWith("zookeeper-") || jar.startsWith("javassist-");
    }
}
