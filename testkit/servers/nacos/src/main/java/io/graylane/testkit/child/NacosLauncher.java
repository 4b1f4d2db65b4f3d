package io.graylane.testkit.child;

import java.util.LinkedHashMap;
import java.util.Map;

import com.alibaba.nacos.NacosServerBasicApplication;
import com.alibaba.nacos.NacosServerWebApplication;
import com.alibaba.nacos.console.NacosConsole;
import com.alibaba.nacos.core.listener.startup.NacosStartUp;
import com.alibaba.nacos.core.listener.startup.NacosStartUpManager;
import com.alibaba.nacos.sys.env.DeploymentType;
import com.alibaba.nacos.sys.env.EnvUtil;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jmx.export.MBeanExporter;
import org.springframework.jmx.support.RegistrationPolicy;

/**
 * Forked Nacos 3.1.0 standalone server, deployment type "merged" (server + console), the way upstream's
 * unpublished {@code nacos-bootstrap} starts it: a core context without web server, then the server web
 * context and the console context as its children, announcing each phase to {@link NacosStartUpManager}.
 * Settings come from {@code $nacos.home/conf/application.properties} (written by the parent) and system
 * properties; the args are passed to Spring as they are.
 */
public final class NacosLauncher {

    public static void main(String[] args) {
        Child.init();
        Child.onStop(() -> { }, 0); // throwaway run directory: exit at once
        try {
            EnvUtil.setDeploymentType(DeploymentType.MERGED);

            NacosStartUpManager.start(NacosStartUp.CORE_START_UP_PHASE);
            ConfigurableApplicationContext core = new SpringApplicationBuilder(NacosServerBasicApplication.class)
                    .web(WebApplicationType.NONE).run(args);
            if (core.getEnvironment().getProperty("spring.jmx.enabled", Boolean.class, false)) {
                core.getBean(MBeanExporter.class).setRegistrationPolicy(RegistrationPolicy.IGNORE_EXISTING);
            }

            NacosStartUpManager.start(NacosStartUp.WEB_START_UP_PHASE);
            new SpringApplicationBuilder(NacosServerWebApplication.class).parent(core).run(args);

            NacosStartUpManager.start(NacosStartUp.CONSOLE_START_UP_PHASE);
            new SpringApplicationBuilder(NacosConsole.class).parent(core).run(args);

            Map<String, String> info = new LinkedHashMap<>();
            info.put("mainPort", core.getEnvironment().getProperty("nacos.server.main.port", ""));
            info.put("consolePort", core.getEnvironment().getProperty("nacos.console.port", ""));
            Child.ready(info, (cmd, a) -> {
                throw new IllegalArgumentException("unknown command " + cmd);
            });
        } catch (Throwable t) {
            Child.fail(t);
        }
    }
}
