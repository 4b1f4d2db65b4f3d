package io.graylane.testkit.child;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.Listener;

/**
 * A separate client JVM (nacos-client 2.5.1) listening to one config. Args: serverAddr dataId group.
 * Every change is reported as {@code @@event <epochMillis> <base64 content>} the moment the listener runs.
 * Command {@code get} reads the config through the client.
 */
public final class NacosListenerLauncher {

    public static void main(String[] args) {
        Child.init();
        Child.onStop(() -> { }, 0);
        try {
            String serverAddr = args[0];
            String dataId = args[1];
            String group = args[2];
            Properties p = new Properties();
            p.setProperty(PropertyKeyConst.SERVER_ADDR, serverAddr);
            ConfigService config = NacosFactory.createConfigService(p);
            String initial = config.getConfigAndSignListener(dataId, group, 30_000, new Listener() {
                @Override
                public Executor getExecutor() {
                    return null;
                }

                @Override
                public void receiveConfigInfo(String content) {
                    long now = System.currentTimeMillis();
                    String enc = Base64.getEncoder().encodeToString(
                            (content == null ? "" : content).getBytes(StandardCharsets.UTF_8));
                    Child.event(now + " " + enc);
                }
            });
            Map<String, String> info = new LinkedHashMap<>();
            info.put("initial", Base64.getEncoder().encodeToString(
                    (initial == null ? "" : initial).getBytes(StandardCharsets.UTF_8)));
            Child.ready(info, (cmd, a) -> {
                if ("get".equals(cmd)) {
                    String c = config.getConfig(dataId, group, 10_000);
                    return Base64.getEncoder().encodeToString(
                            (c == null ? "" : c).getBytes(StandardCharsets.UTF_8));
                }
                throw new IllegalArgumentException("unknown command " + cmd);
            });
        } catch (Throwable t) {
            Child.fail(t);
        }
    }
}
