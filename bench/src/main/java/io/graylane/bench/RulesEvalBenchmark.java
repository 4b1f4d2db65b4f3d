package io.graylane.bench;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import io.graylane.rules.AttributeSource;
import io.graylane.rules.Attributes;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleDocuments;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same flag in graylane and in Unleash client-java 9.3.2 (offline bootstrap, no network):
 * 30 % gradual rollout on userId, region IN {eu-west, eu-north, us-east}, appVersion SEMVER_GT 2.3.0.
 * Every request matches the constraints, so both engines always reach the percentage hash (their
 * worst case); userIds vary over 4,096 values. Contexts / attribute sources are built before the
 * measurement for both engines, so only evaluation is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class RulesEvalBenchmark {
    static final int USERS = 4096;
    static final String[] REGIONS = {"eu-west", "eu-north", "us-east"};
    static final String[] VERSIONS = {"2.4.0", "2.10.1", "3.0.0"};

    static final String GRAYLANE_RULES = "{\"version\":\"bench\",\"lanes\":{\"gray\":{"
            + "\"rules\":[{\"conditions\":["
            + "{\"type\":\"STRING\",\"subject\":\"region\",\"predicate\":\"IN\",\"objects\":[\"eu-west\",\"eu-north\",\"us-east\"]},"
            + "{\"type\":\"VERSION\",\"subject\":\"appVersion\",\"predicate\":\"GT\",\"objects\":[\"2.3.0\"]}]}],"
            + "\"bucket\":{\"key\":\"userId\",\"rate\":3000,\"salt\":\"gray\"}}}}";

    static final String UNLEASH_TOGGLES = "{\"version\":2,\"features\":[{\"name\":\"gray\",\"enabled\":true,"
            + "\"strategies\":[{\"name\":\"flexibleRollout\","
            + "\"parameters\":{\"rollout\":\"30\",\"stickiness\":\"userId\",\"groupId\":\"gray\"},"
            + "\"constraints\":["
            + "{\"contextName\":\"region\",\"operator\":\"IN\",\"values\":[\"eu-west\",\"eu-north\",\"us-east\"]},"
            + "{\"contextName\":\"appVersion\",\"operator\":\"SEMVER_GT\",\"value\":\"2.3.0\"}]}]}]}";

    /** What the agent does: fixed fields, no map. */
    static final class RequestAttrs implements AttributeSource {
        final String userId;
        final String region;
        final String appVersion;

        RequestAttrs(String userId, String region, String appVersion) {
            this.userId = userId;
            this.region = region;
            this.appVersion = appVersion;
        }

        @Override
        public String get(String name) {
            switch (name) {
                case "userId":
                    return userId;
                case "region":
                    return region;
                case "appVersion":
                    return appVersion;
                default:
                    return null;
            }
        }
    }

    RuleDocument doc;
    Unleash unleash;
    RequestAttrs[] attrs;
    AttributeSource[] mapAttrs;
    UnleashContext[] contexts;
    int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        doc = RuleDocuments.parse(GRAYLANE_RULES);
        UnleashConfig config = UnleashConfig.builder()
                .appName("graylane-bench")
                .instanceId("bench")
                .unleashAPI("http://127.0.0.1:9/api/") // never contacted: polling and metrics are off
                .disablePolling()
                .disableMetrics()
                .synchronousFetchOnInitialisation(false)
                .backupFile(System.getProperty("java.io.tmpdir") + "/graylane-bench-unleash-backup.json")
                .toggleBootstrapProvider(() -> UNLEASH_TOGGLES)
                .build();
        unleash = new DefaultUnleash(config);
        attrs = new RequestAttrs[USERS];
        mapAttrs = new AttributeSource[USERS];
        contexts = new UnleashContext[USERS];
        for (int i = 0; i < USERS; i++) {
            String user = "user-" + (1_000_003L * i + 17);
            String region = REGIONS[i % REGIONS.length];
            String version = VERSIONS[i % VERSIONS.length];
            attrs[i] = new RequestAttrs(user, region, version);
            Map<String, String> m = new HashMap<>();
            m.put("userId", user);
            m.put("region", region);
            m.put("appVersion", version);
            mapAttrs[i] = Attributes.of(m);
            contexts[i] = UnleashContext.builder().userId(user).addProperty("region", region)
                    .addProperty("appVersion", version).build();
        }
        int g = 0;
        int u = 0;
        for (int i = 0; i < USERS; i++) {
            if (doc.decideLane(attrs[i]) != null) {
                g++;
            }
            if (unleash.isEnabled("gray", contexts[i])) {
                u++;
            }
        }
        // both must implement the same flag: ~30 % of users in, and the non-matching cases out
        check(g, "graylane");
        check(u, "unleash");
        RequestAttrs old = new RequestAttrs("user-1", "eu-west", "2.3.0");
        if (doc.decideLane(old) != null || unleash.isEnabled("gray",
                UnleashContext.builder().userId("user-1").addProperty("region", "eu-west").addProperty("appVersion", "2.3.0").build())) {
            throw new IllegalStateException("2.3.0 must not be SEMVER_GT 2.3.0");
        }
    }

    private static void check(int hits, String who) {
        double share = hits / (double) USERS;
        if (share < 0.26 || share > 0.34) {
            throw new IllegalStateException(who + " hit " + hits + " of " + USERS + " users; expected about 30 %");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        unleash.shutdown();
    }

    @Benchmark
    public boolean graylane() {
        return doc.decideLane(attrs[next++ & (USERS - 1)]) != null;
    }

    @Benchmark
    public boolean graylaneMap() {
        return doc.decideLane(mapAttrs[next++ & (USERS - 1)]) != null;
    }

    @Benchmark
    public boolean unleash() {
        return unleash.isEnabled("gray", contexts[next++ & (USERS - 1)]);
    }
}
