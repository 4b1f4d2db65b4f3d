package io.graylane.bench;

import io.graylane.bootstrap.ForkJoinLanes;
import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LanePropagation;
import io.graylane.bootstrap.PoolTaskLanes;
import io.graylane.bootstrap.LaneSnapshot;
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

import java.util.concurrent.TimeUnit;

/**
 * The cost the executors plugin adds to every task submission: {@code LanePropagation.wrap} on baseline (the common
 * case: nothing to carry) and in a lane, and what a wrapped task adds when it runs (swap in, restore after).
 * Run: {@code java -jar bench/target/benchmarks.jar LanePropagation -prof gc -prof io.graylane.bench.CpuTimeProfiler}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LanePropagationBenchmark {
    private final Runnable task = () -> { };
    private final LaneSnapshot gray = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_RULE);
    private Runnable wrapped;

    @Setup(Level.Trial)
    public void setUp() {
        LaneSnapshot prev = LaneContext.swap(gray);
        wrapped = LanePropagation.wrap(task);
        LaneContext.restore(prev);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        LaneContext.restore(null);
    }

    /** Submitting on baseline: the task is returned as it is. */
    @Benchmark
    public Runnable wrapOnBaseline() {
        return LanePropagation.wrap(task);
    }

    /** Submitting in a lane: one small wrapper. */
    @Benchmark
    public Runnable wrapInLane() {
        LaneSnapshot prev = LaneContext.swap(gray);
        try {
            return LanePropagation.wrap(task);
        } finally {
            LaneContext.restore(prev);
        }
    }

    /** Entering and leaving a lane on a thread (what advice and wrappers do). */
    @Benchmark
    public LaneSnapshot swapAndRestore() {
        LaneSnapshot prev = LaneContext.swap(gray);
        LaneContext.restore(prev);
        return prev;
    }

    /** Running a wrapped task: swap to its lane, run, restore. */
    @Benchmark
    public void runWrapped() {
        wrapped.run();
    }

    /**
     * A ForkJoinTask forked and run on baseline: what the rewritten {@code fork()} and {@code doExec()} add
     * ({@code capture}: one thread-local read; {@code enter}/{@code exit}: one volatile read each).
     */
    @Benchmark
    public void forkJoinTaskOnBaseline() {
        Object t = task;
        ForkJoinLanes.capture(t);
        ForkJoinLanes.enter(t);
        ForkJoinLanes.exit(t);
    }

    /** A ForkJoinTask forked in a lane and run: recorded in the weak identity table, then run in the lane. */
    @Benchmark
    public Object forkJoinTaskInLane() {
        Object t = new Object();
        LaneSnapshot prev = LaneContext.swap(gray);
        try {
            ForkJoinLanes.capture(t);
        } finally {
            LaneContext.restore(prev);
        }
        ForkJoinLanes.enter(t);
        ForkJoinLanes.exit(t);
        return t;
    }

    /**
     * A ThreadPoolExecutor task submitted and run on baseline: what the rewritten {@code execute()} and
     * {@code runWorker} add ({@code submitted}: one thread-local read; {@code run}: one volatile read).
     */
    @Benchmark
    public void poolTaskOnBaseline() {
        PoolTaskLanes.submitted(task);
        PoolTaskLanes.run(task);
    }

    /** A ThreadPoolExecutor task submitted in a lane and run: recorded next to the task, then run in the lane. */
    @Benchmark
    public Object poolTaskInLane() {
        Runnable t = new NoOp();
        LaneSnapshot prev = LaneContext.swap(gray);
        try {
            PoolTaskLanes.submitted(t);
        } finally {
            LaneContext.restore(prev);
        }
        PoolTaskLanes.run(t);
        return t;
    }

    /** A fresh task object per submission, as applications make them. */
    private static final class NoOp implements Runnable {
        @Override
        public void run() {
        }
    }
}
