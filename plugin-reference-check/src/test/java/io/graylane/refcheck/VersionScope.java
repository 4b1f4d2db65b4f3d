package io.graylane.refcheck;

import java.util.List;
import java.util.function.Predicate;

/**
 * The few plugin classes that are not meant to link against every supported version of a framework: by default a
 * reference into a framework is checked against all of {@link Framework#versions()}; a class matched here is checked
 * against the versions the entry allows, for that framework only. An entry naming one class must match a class of
 * some plugin (no stale entries), and an entry with a witness type claims that the type exists in exactly the allowed
 * versions, which the test verifies.
 */
record VersionScope(String matches, Predicate<String> classes, String framework, Predicate<String> versions,
                    String witness, String why) {

    static final List<VersionScope> TABLE = List.of(
            // The rewritten RocketMQ plugin's convention: helpers chosen at run time for one client major version.
            packageEnding("client4", "rocketmq-client", "4.",
                    "helpers the plugin loads only when rocketmq-client 4.x is present"),
            packageEnding("client5", "rocketmq-client", "5.",
                    "helpers the plugin loads only when rocketmq-client 5.x is present"),
            oneClass("io.graylane.plugin.dubbo.DubboAdvice$AvailableLaneAdvice", "dubbo", "2.",
                    "org/apache/dubbo/rpc/cluster/router/tag/TagRouter",
                    "inlined into TagRouter#route, which only Dubbo 2.7 has (3.x routes with TagStateRouter)"),
            oneClass("io.graylane.plugin.dubbo.DubboAdvice$TripleFutureCreatedAdvice", "dubbo", "3.",
                    "org/apache/dubbo/rpc/protocol/tri/DeadlineFuture",
                    "inlined into Triple's DeadlineFuture#newFuture; Dubbo 2.7 has no Triple protocol"),
            oneClass("io.graylane.plugin.dubbo.DubboAdvice$TripleResponseAdvice", "dubbo", "3.",
                    "org/apache/dubbo/rpc/protocol/tri/DeadlineFuture",
                    "inlined into Triple's DeadlineFuture#doReceived; Dubbo 2.7 has no Triple protocol"));

    /** The versions of {@code f} that references of {@code className} into {@code f} are checked against. */
    static List<String> versionsFor(String className, Framework f) {
        List<String> versions = f.versions();
        for (VersionScope s : TABLE) {
            if (s.framework.equals(f.name()) && s.classes.test(className)) {
                versions = versions.stream().filter(s.versions).toList();
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException(className + ": the version scope table leaves no " + f.name()
                    + " version to check against");
        }
        return versions;
    }

    boolean namesOneClass() {
        return !matches.startsWith("package *.");
    }

    private static VersionScope packageEnding(String lastSegment, String framework, String versionPrefix,
                                              String why) {
        return new VersionScope("package *." + lastSegment, c -> packageOf(c).endsWith("." + lastSegment),
                framework, v -> v.startsWith(versionPrefix), null, why);
    }

    private static VersionScope oneClass(String className, String framework, String versionPrefix, String witness,
                                         String why) {
        return new VersionScope(className, className::equals, framework, v -> v.startsWith(versionPrefix), witness,
                why);
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
