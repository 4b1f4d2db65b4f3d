package io.graylane.rules.source;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.listener.Listener;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleHolder;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The rule document from Nacos, pushed to a listener. The only class that touches nacos-client; it is
 * loaded (reflectively, by {@link RuleSources}) only when Nacos is configured.
 *
 * <p>{@link #start()}: applies the last good cached document at once (if any), then connects on a
 * daemon thread and waits at most {@link NacosSettings#initialWaitMillis} for the first server answer.
 * If Nacos is unreachable it keeps retrying in the background (1 s doubling to 30 s between attempts, but at once
 * when the client's own connection comes back). Every valid document received is applied and written to the cache;
 * an invalid or too large one is rejected and not cached. A document deleted on the server turns every lane off and
 * clears the cache ({@link #received}). The connection state is reported as {@link #health()}. Nothing here throws
 * into the host.
 */
public final class NacosRuleSource implements RuleSource {
    private final NacosSettings settings;
    private final RuleHolder holder;
    private final LastGoodCache cache;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long STATUS_CHECK_MILLIS = 1000;
    private static final long RETRY_STEP_MILLIS = 200;
    private final CountDownLatch firstAnswer = new CountDownLatch(1);
    private final SourceHealth health;
    private final long maxBytes;
    private final RetryPause retryPause = new RetryPause(new BooleanSupplier() {
        @Override
        public boolean getAsBoolean() {
            return serverUp();
        }
    }, new BooleanSupplier() {
        @Override
        public boolean getAsBoolean() {
            return closed;
        }
    }, RETRY_STEP_MILLIS);
    private volatile boolean closed;
    private volatile ConfigService configService;
    private volatile Listener listener;
    private Thread connector;
    private volatile long startNanos;
    private volatile long clientCreatedNanos;
    private final Object firstReadLock = new Object();
    /** Applying a document and writing (or clearing) the cache happen together, so the cache never lags a newer document. */
    private final Object applyLock = new Object();
    private boolean clientAnswered;

    public NacosRuleSource(NacosSettings settings, RuleHolder holder, LastGoodCache cache) {
        this.settings = settings;
        this.holder = holder;
        this.cache = cache;
        this.maxBytes = settings.maxBytes;
        this.health = new SourceHealth(settings.describe(), holder);
    }

    @Override
    public SourceHealth health() {
        return health;
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
            startNanos = System.nanoTime();
            connector = new Thread(new Runnable() {
                @Override
                public void run() {
                    try {
                        connectLoop();
                    } catch (Throwable t) {
                        health.failure("the connection thread ended: " + t);
                    }
                }
            }, "graylane-rules-nacos");
            connector.setDaemon(true);
            connector.start();
            startHttpFirstRead();
            if (!firstAnswer.await(Math.max(0, settings.initialWaitMillis), TimeUnit.MILLISECONDS)) {
                long created = clientCreatedNanos;
                holder.log().warn(settings.describe() + " did not answer within " + settings.initialWaitMillis
                        + " ms (" + (created == 0 ? "the Nacos client was still being created"
                        : "client created after " + (created - startNanos) / 1_000_000 + " ms")
                        + "); starting with rules version \"" + holder.version() + "\" and retrying in the background");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            health.failure("cannot start: " + e);
        }
    }

    /**
     * Races the client for the first document over Nacos' HTTP API (see {@link NacosHttpFirstRead}); applied only if
     * the client has not answered yet, so it can never overwrite a newer document the client delivered.
     */
    private void startHttpFirstRead() {
        final NacosHttpFirstRead firstRead = new NacosHttpFirstRead(settings);
        if (settings.initialWaitMillis <= 0 || !firstRead.applicable()) {
            return;
        }
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    int timeout = (int) Math.max(100, Math.min(settings.initialWaitMillis, settings.readTimeoutMillis));
                    String content = firstRead.read(timeout, maxBytes);
                    if (content == null || closed) {
                        return;
                    }
                    synchronized (firstReadLock) {
                        if (clientAnswered) {
                            return;
                        }
                        holder.log().info(settings.describe() + " answered over HTTP " + millisSince(startNanos)
                                + " ms after start; the Nacos client connects in the background for pushes");
                        received(content, "first read over HTTP");
                    }
                    firstAnswer.countDown();
                } catch (Throwable e) {
                    // the client path decides and reports
                }
            }
        }, "graylane-rules-nacos-first-read");
        t.setDaemon(true);
        t.start();
    }

    private void connectLoop() {
        long backoff = 1000;
        while (!closed) {
            try {
                if (configService == null) {
                    configService = NacosFactory.createConfigService(properties());
                    clientCreatedNanos = System.nanoTime();
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
                // asks the server itself (no local snapshot): null means the server has no such document
                String content = configService.getConfigAndSignListener(settings.dataId, settings.group,
                        settings.readTimeoutMillis, l);
                listener = l;
                synchronized (firstReadLock) {
                    clientAnswered = true;
                }
                holder.log().info(settings.describe() + " answered " + millisSince(startNanos) + " ms after start"
                        + " (client created after " + (clientCreatedNanos - startNanos) / 1_000_000 + " ms)");
                received(content, "initial read");
                firstAnswer.countDown();
                break;
            } catch (Throwable e) { // NacosException, or anything else from the client: never into the host
                if (closed) {
                    return;
                }
                health.failure(String.valueOf(e));
                if (!retryPause.await(backoff)) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
        try {
            watchConnection();
        } catch (InterruptedException e) {
            // closed
        }
    }

    /**
     * After the first answer the client keeps the listener and reconnects by itself (and re-checks the document on
     * reconnect); this loop only reports the connection state as source health.
     */
    private void watchConnection() throws InterruptedException {
        while (!closed) {
            Thread.sleep(STATUS_CHECK_MILLIS);
            try {
                if (serverUp()) {
                    health.success();
                } else {
                    health.failure("no connection to the Nacos server (client status DOWN)");
                }
            } catch (Throwable e) {
                health.failure(String.valueOf(e));
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private boolean serverUp() {
        try {
            ConfigService cs = configService;
            return cs != null && "UP".equals(cs.getServerStatus());
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * A document from the server: applied and cached when valid, refused otherwise (the previous one stays). Null is
     * the server saying there is no such document: it was deleted (or never published). Then no lanes are in force and
     * the cache is cleared, so every node agrees — also after a restart. Never throws.
     */
    void received(String content, String how) {
        synchronized (applyLock) {
            apply(content, how);
        }
    }

    private void apply(String content, String how) {
        try {
            health.success();
            if (content == null) {
                deleted(how);
                return;
            }
            long bytes = Utf8.length(content);
            if (bytes > maxBytes) {
                String reason = settings.describe() + " sent a document of " + bytes + " bytes (" + how + "), more than "
                        + RuleSources.PREFIX + "maxBytes=" + maxBytes + "; keeping rules version \"" + holder.version() + "\"";
                health.refused(reason);
                holder.log().warn(reason);
                return;
            }
            if (holder.update(content, settings.describe())) {
                if (cache != null) {
                    cache.store(content);
                }
            } else {
                health.rejected(RuleSources.problems(holder));
            }
        } catch (Throwable e) {
            health.failure("cannot apply rules: " + e);
        }
    }

    private void deleted(String how) {
        if (cache != null) {
            cache.clear();
        }
        if (holder.current() != RuleDocument.EMPTY) {
            holder.log().warn(settings.describe() + " has no rule document (" + how + "): it was deleted; turning every lane"
                    + " off (every request is baseline) and clearing the cache");
            holder.set(RuleDocument.EMPTY, settings.describe() + " (document deleted)");
        } else if (how.equals("initial read")) {
            holder.log().info(settings.describe() + " has no rule document yet; every request is baseline");
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
