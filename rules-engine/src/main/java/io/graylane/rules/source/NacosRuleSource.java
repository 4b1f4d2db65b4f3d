package io.graylane.rules.source;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.Listener;
import io.graylane.rules.RuleHolder;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The rule document from Nacos, pushed to a listener. The only class that touches nacos-client; it is
 * loaded (reflectively, by {@link RuleSources}) only when Nacos is configured.
 *
 * <p>{@link #start()}: applies the last good cached document at once (if any), then connects on a
 * daemon thread and waits at most {@link NacosSettings#initialWaitMillis} for the first server answer.
 * If Nacos is unreachable it keeps retrying in the background (1 s doubling to 30 s). Every valid
 * document received is applied and written to the cache; an invalid one is rejected and not cached.
 * Nothing here throws into the host.
 */
public final class NacosRuleSource implements RuleSource {
    private final NacosSettings settings;
    private final RuleHolder holder;
    private final LastGoodCache cache;
    private final CountDownLatch firstAnswer = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile ConfigService configService;
    private volatile Listener listener;
    private Thread connector;

    public NacosRuleSource(NacosSettings settings, RuleHolder holder, LastGoodCache cache) {
        this.settings = settings;
        this.holder = holder;
        this.cache = cache;
    }

    @Override
    public synchronized void start() {
        if (connector != null) {
            return;
        }
        try {
            try {
                Class.forName("org.slf4j.LoggerFactory", false, NacosRuleSource.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                holder.log().warn("nacos-client needs an SLF4J API (org.slf4j:slf4j-api) on the class path and there is none; "
                        + settings.describe() + " will not connect");
            }
            if (cache != null) {
                String cached = cache.load();
                if (cached != null) {
                    holder.update(cached, "cache:" + cache.file() + " (last good from " + settings.describe() + ")");
                }
            }
            connector = new Thread(new Runnable() {
                @Override
                public void run() {
                    connectLoop();
                }
            }, "graylane-rules-nacos");
            connector.setDaemon(true);
            connector.start();
            if (!firstAnswer.await(Math.max(0, settings.initialWaitMillis), TimeUnit.MILLISECONDS)) {
                holder.log().warn(settings.describe() + " did not answer within " + settings.initialWaitMillis
                        + " ms; starting with rules version \"" + holder.version() + "\" and retrying in the background");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            holder.log().warn("cannot start " + settings.describe() + ": " + e);
        }
    }

    private void connectLoop() {
        long backoff = 1000;
        while (!closed) {
            try {
                if (configService == null) {
                    configService = NacosFactory.createConfigService(properties());
                }
                Listener l = new Listener() {
                    @Override
                    public Executor getExecutor() {
                        return null; // Nacos' own notifier thread
                    }

                    @Override
                    public void receiveConfigInfo(String content) {
                        received(content, "push");
                    }
                };
                String content = configService.getConfigAndSignListener(settings.dataId, settings.group,
                        settings.readTimeoutMillis, l);
                listener = l;
                received(content, "initial read");
                firstAnswer.countDown();
                return;
            } catch (Throwable e) { // NacosException, or anything else from the client: never into the host
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                    throw (VirtualMachineError) e;
                }
                holder.log().warn(settings.describe() + " unavailable (" + e + "); retrying in " + backoff + " ms");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    private void received(String content, String how) {
        try {
            if (content == null) {
                holder.log().warn(settings.describe() + " has no rule document (" + how + "); keeping rules version \""
                        + holder.version() + "\"");
                return;
            }
            if (holder.update(content, settings.describe()) && cache != null) {
                cache.store(content);
            }
        } catch (RuntimeException | LinkageError e) {
            holder.log().warn("cannot apply rules from " + settings.describe() + ": " + e);
        }
    }

    Properties properties() {
        Properties p = new Properties();
        p.setProperty(PropertyKeyConst.SERVER_ADDR, settings.serverAddr);
        if (settings.namespace != null && !settings.namespace.isEmpty()) {
            p.setProperty(PropertyKeyConst.NAMESPACE, settings.namespace);
        }
        if (settings.username != null) {
            p.setProperty(PropertyKeyConst.USERNAME, settings.username);
        }
        if (settings.password != null) {
            p.setProperty(PropertyKeyConst.PASSWORD, settings.password);
        }
        if (settings.accessKey != null) {
            p.setProperty(PropertyKeyConst.ACCESS_KEY, settings.accessKey);
        }
        if (settings.secretKey != null) {
            p.setProperty(PropertyKeyConst.SECRET_KEY, settings.secretKey);
        }
        return p;
    }

    /** True once the server answered at least once. */
    public boolean connected() {
        return firstAnswer.getCount() == 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connector != null) {
            connector.interrupt();
        }
        ConfigService cs = configService;
        try {
            if (cs != null && listener != null) {
                cs.removeListener(settings.dataId, settings.group, listener);
            }
            if (cs != null) {
                cs.shutDown();
            }
        } catch (Throwable e) {
            holder.log().warn("closing " + settings.describe() + ": " + e);
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }
}
