package io.graylane.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time per operation of the benchmark threads (JMH workers), from {@link ThreadMXBean}: on two
 * shared cores wall time includes time spent descheduled, CPU time does not.
 * Use with {@code -prof io.graylane.bench.CpuTimeProfiler}; reports {@code cpu.time.norm} in ns/op.
 */
public class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Collections.emptyMap();

    @Override
    public String getDescription() {
        return "CPU time per operation of the JMH worker threads (ThreadMXBean)";
    }

    private Map<Long, Long> workerCpu() {
        Map<Long, Long> m = new HashMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti != null && ti.getThreadName().contains("jmh-worker")) {
                long cpu = mx.getThreadCpuTime(ti.getThreadId());
                if (cpu >= 0) {
                    m.put(ti.getThreadId(), cpu);
                }
            }
        }
        return m;
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpu();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long total = 0;
        for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
            Long b = before.get(e.getKey());
            total += e.getValue() - (b == null ? 0 : b);
        }
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) total / ops;
        return Collections.singletonList(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
    }
}
