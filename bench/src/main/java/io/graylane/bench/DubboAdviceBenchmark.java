package io.graylane.bench;

import io.graylane.bootstrap.LaneContext;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.rpc.RpcLanes;
import io.graylane.plugin.dubbo.DubboAdvice;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.remoting.exchange.Request;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcInvocation;
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
 * What the Dubbo plugin adds to one call, in process: the plugin's own advice methods ({@link DubboAdvice}, the code
 * ByteBuddy inlines into Dubbo) called on real Dubbo 3.3.6 objects ({@link RpcInvocation}, {@link Request},
 * {@link URL}).
 * <ul>
 *   <li>consumer side per call: {@code OutboundAdvice} (entry of {@code ConsumerContextFilter#invoke} /
 *   {@code AbstractClusterInvoker#invoke}), {@code ServedByAdvice} (the picked provider's invoker) and
 *   {@code ResponseLaneAdvice} enter + exit (the response completing the call's future);</li>
 *   <li>provider side per call: {@code InboundAdvice} enter + exit (around {@code ContextFilter#invoke}).</li>
 * </ul>
 * Each on baseline (no lane) and in the lane {@code gray}. The consumer benchmarks remove the {@code dubbo.tag} the
 * previous operation set (Dubbo makes a fresh invocation per call); {@code consumerReference} is that removal alone.
 * Run: {@code java -jar bench/target/benchmarks.jar DubboAdvice -prof gc -prof io.graylane.bench.CpuTimeProfiler}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DubboAdviceBenchmark {
    private final LaneSnapshot gray = LaneSnapshot.of("gray", LaneSnapshot.ORIGIN_RULE);
    private RpcInvocation outbound;
    private Request request;
    private Invoker<?> provider;
    private RpcInvocation inboundBaseline;
    private RpcInvocation inboundGray;

    @Setup(Level.Trial)
    public void setUp() {
        outbound = invocation();
        request = new Request();
        request.setData(outbound);
        // a baseline provider: no dubbo.tag on its URL (in a lane the call is counted as served by another lane)
        provider = new UrlOnlyInvoker(URL.valueOf("dubbo://127.0.0.1:20880/" + Greeter.class.getName()));
        inboundBaseline = invocation();
        inboundGray = invocation();
        inboundGray.setAttachment(RpcLanes.TAG_KEY, "gray");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        LaneContext.restore(null);
    }

    /** The fixture's own per-operation work (clearing the previous operation's tag), without any advice. */
    @Benchmark
    public Object consumerReference() {
        outbound.getObjectAttachments().remove(RpcLanes.TAG_KEY);
        return outbound;
    }

    /** A baseline call leaving a consumer: outbound tag, served-by check, response lane. */
    @Benchmark
    public Object consumerOnBaseline() {
        outbound.getObjectAttachments().remove(RpcLanes.TAG_KEY);
        return consumerCall();
    }

    /** A call made in the lane {@code gray}. */
    @Benchmark
    public Object consumerInLane() {
        LaneSnapshot prev = LaneContext.swap(gray);
        try {
            outbound.getObjectAttachments().remove(RpcLanes.TAG_KEY);
            return consumerCall();
        } finally {
            LaneContext.restore(prev);
        }
    }

    /** A baseline call arriving at a provider. */
    @Benchmark
    public LaneSnapshot providerOnBaseline() {
        return providerCall(inboundBaseline);
    }

    /** A call of the lane {@code gray} arriving at a provider. */
    @Benchmark
    public LaneSnapshot providerInLane() {
        return providerCall(inboundGray);
    }

    private Object consumerCall() {
        DubboAdvice.OutboundAdvice.enter(outbound);
        DubboAdvice.ServedByAdvice.enter(provider, outbound);
        LaneSnapshot before = DubboAdvice.ResponseLaneAdvice.enter(request);
        LaneSnapshot during = LaneContext.current();
        DubboAdvice.ResponseLaneAdvice.exit(before);
        return during;
    }

    private static LaneSnapshot providerCall(Invocation invocation) {
        LaneSnapshot prev = DubboAdvice.InboundAdvice.enter(invocation);
        LaneSnapshot during = LaneContext.current();
        DubboAdvice.InboundAdvice.exit(prev);
        return during;
    }

    private static RpcInvocation invocation() {
        return new RpcInvocation("greet", Greeter.class.getName(), "", new Class<?>[] {String.class},
                new Object[] {"world"});
    }

    /** The service the invocations name. */
    public interface Greeter {
        String greet(String name);
    }

    /** The picked provider as ServedByAdvice sees it: only {@code getUrl()} is read. */
    private static final class UrlOnlyInvoker implements Invoker<Greeter> {
        private final URL url;

        UrlOnlyInvoker(URL url) {
            this.url = url;
        }

        @Override
        public URL getUrl() {
            return url;
        }

        @Override
        public Class<Greeter> getInterface() {
            return Greeter.class;
        }

        @Override
        public Result invoke(Invocation invocation) {
            throw new UnsupportedOperationException("not called by the advice");
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public void destroy() {
        }
    }
}
