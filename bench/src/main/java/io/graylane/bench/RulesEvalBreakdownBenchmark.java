package io.graylane.bench;

import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleDocuments;
import io.graylane.rules.eval.Versions;
import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.HashMode;
import io.graylane.rules.model.Toggle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Where graylane's time goes on the {@link RulesEvalBenchmark} flag: the array walk alone, the bucket
 * hash, the version comparison, the two conditions, and the whole decision. Not run by rules.sh;
 * run with {@code java -jar bench/target/benchmarks.jar RulesEvalBreakdown -prof io.graylane.bench.CpuTimeProfiler}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RulesEvalBreakdownBenchmark {
    private static final int MASK = RulesEvalBenchmark.USERS - 1;
    RulesEvalBenchmark.RequestAttrs[] attrs;
    final BucketHasher hasher = new BucketHasher("userId", "gray", HashMode.MURMUR3);
    final long[] v230 = Versions.parse("2.3.0");
    RuleDocument doc;
    Toggle toggle;
    int next;

    @Setup
    public void setup() throws Exception {
        attrs = new RulesEvalBenchmark.RequestAttrs[RulesEvalBenchmark.USERS];
        for (int i = 0; i < attrs.length; i++) {
            attrs[i] = new RulesEvalBenchmark.RequestAttrs("user-" + (1_000_003L * i + 17),
                    RulesEvalBenchmark.REGIONS[i % 3], RulesEvalBenchmark.VERSIONS[i % 3]);
        }
        doc = RuleDocuments.parse(RulesEvalBenchmark.GRAYLANE_RULES);
        toggle = doc.lanes().get(0).toggle();
    }

    @Benchmark
    public int arrayWalk() {
        return attrs[next++ & MASK].userId.length();
    }

    @Benchmark
    public int bucketHash() {
        return hasher.bucketOf(attrs[next++ & MASK].userId);
    }

    @Benchmark
    public int versionCompare() {
        return Versions.compare(attrs[next++ & MASK].appVersion, v230, 0);
    }

    @Benchmark
    public boolean conditionsOnly() {
        return toggle.rulesMatch(attrs[next++ & MASK]);
    }

    @Benchmark
    public String decideLane() {
        return doc.decideLane(attrs[next++ & MASK]);
    }
}
