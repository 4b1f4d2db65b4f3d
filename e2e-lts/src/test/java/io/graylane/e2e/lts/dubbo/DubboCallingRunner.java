package io.graylane.e2e.lts.dubbo;

import com.github.ltsopensource.core.domain.Action;
import com.github.ltsopensource.tasktracker.Result;
import com.github.ltsopensource.tasktracker.runner.JobContext;
import com.github.ltsopensource.tasktracker.runner.JobRunner;
import io.graylane.bootstrap.LaneContext;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * A TaskTracker's job that calls the Dubbo service {@link ServedBy} and prints
 * {@code RAN taskId thread lane=L|- served=<provider>}. Knows nothing of lanes beyond printing the current one. The
 * Dubbo consumer ({@code -De2e.dubbo.registry=<registry URL>}) starts when the class is initialised, before the
 * TaskTracker reports ready.
 */
public final class DubboCallingRunner implements JobRunner {
    private static final ServedBy SERVICE;

    static {
        ApplicationConfig app = new ApplicationConfig("lts-dubbo-consumer");
        app.setQosEnable(false);
        ReferenceConfig<ServedBy> ref = new ReferenceConfig<>();
        ref.setInterface(ServedBy.class);
        ref.setCheck(false);
        ref.setTimeout(5000);
        ref.setRetries(0);
        DubboBootstrap.getInstance().application(app).registry(new RegistryConfig(System.getProperty("e2e.dubbo.registry")))
                // consumer only, but Dubbo 3 exports its MetadataService: on loopback, not 0.0.0.0:20880
                .protocol(DubboProviderApp.protocol(-1)).reference(ref).start();
        SERVICE = ref.get();
    }

    @Override
    public Result run(JobContext ctx) {
        String lane = LaneContext.currentLane();
        String served = SERVICE.name(ctx.getJob().getTaskId());
        String line = "RAN " + ctx.getJob().getTaskId() + " " + Thread.currentThread().getName().replace(' ', '_')
                + " lane=" + (lane == null ? "-" : lane) + " served=" + served;
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
        return new Result(Action.EXECUTE_SUCCESS, "served by " + served);
    }
}
