package io.graylane.core.install;

import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.ClassRewrite;
import io.graylane.core.plugin.PluginState;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's only class file transformer when every instrumentation names its target types. Non-target classes cost
 * one hash lookup. {@link ClassRewrite}s apply at once. ByteBuddy-woven targets go to ByteBuddy's transformer, which
 * is built on a background thread: a target that loads before it is ready waits for it (bounded), so no target ever
 * escapes instrumentation, and the application's start-up does not pay for ByteBuddy unless it needs a target early.
 */
final class StartupGate implements ClassFileTransformer {
    private static final long MAX_WAIT_SECONDS = 60;

    private final Map<String, List<Rewrite>> rewrites;
    private final Set<String> woven;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile ClassFileTransformer byteBuddy;
    private volatile Thread builder;
    /** Targets the builder thread loaded itself before ByteBuddy was ready: retransformed once it is. */
    private final Set<String> missed = Collections.synchronizedSet(new HashSet<String>());

    StartupGate(List<PluginState> plugins, Set<String> wovenTypeNames) {
        Map<String, List<Rewrite>> r = new HashMap<String, List<Rewrite>>();
        for (PluginState p : plugins) {
            if (!p.isActive()) {
                continue;
            }
            List<ClassRewrite> list;
            try {
                list = p.plugin().classRewrites();
            } catch (Throwable t) {
                InstrumentationInstaller.disable(p, "its class rewrites could not be listed", t);
                continue;
            }
            for (ClassRewrite cr : list) {
                String internal = cr.typeName().replace('.', '/');
                List<Rewrite> l = r.get(internal);
                if (l == null) {
                    l = new ArrayList<Rewrite>(1);
                    r.put(internal, l);
                }
                l.add(new Rewrite(p, cr));
            }
        }
        this.rewrites = r;
        Set<String> w = new HashSet<String>();
        for (String name : wovenTypeNames) {
            w.add(name.replace('.', '/'));
        }
        this.woven = w;
    }

    boolean targets(String binaryName) {
        String internal = binaryName.replace('.', '/');
        return rewrites.containsKey(internal) || woven.contains(internal);
    }

    void builderThread(Thread t) {
        builder = t;
    }

    /** ByteBuddy's transformer is ready (or null when it could not be built: woven targets stay as they are). */
    void open(ClassFileTransformer transformer) {
        byteBuddy = transformer;
        ready.countDown();
    }

    Set<String> missed() {
        return missed;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        if (className == null) {
            return null;
        }
        byte[] current = classFile;
        boolean changed = false;
        List<Rewrite> r = rewrites.get(className);
        if (r != null) {
            for (Rewrite rewrite : r) {
                byte[] out = rewrite.apply(className, current);
                if (out != null) {
                    current = out;
                    changed = true;
                }
            }
        }
        if (woven.contains(className)) {
            ClassFileTransformer bb = byteBuddy;
            if (bb == null && ready.getCount() > 0) {
                if (Thread.currentThread() == builder) {
                    missed.add(className.replace('/', '.'));
                } else {
                    try {
                        if (!ready.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                            AgentLogger.warnOnce("gate-timeout", "ByteBuddy was not ready after " + MAX_WAIT_SECONDS
                                    + " s; " + className + " loads without graylane's instrumentation", null);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    bb = byteBuddy;
                }
            }
            if (bb != null) {
                try {
                    byte[] out = bb.transform(loader, className, redefined, domain, current);
                    if (out != null) {
                        current = out;
                        changed = true;
                    }
                } catch (Throwable t) {
                    AgentLogger.warnOnce("gate:" + className, "could not instrument " + className, t);
                }
            }
        }
        return changed ? current : null;
    }

    private static final class Rewrite {
        private final PluginState plugin;
        private final ClassRewrite rewrite;

        Rewrite(PluginState plugin, ClassRewrite rewrite) {
            this.plugin = plugin;
            this.rewrite = rewrite;
        }

        byte[] apply(String className, byte[] classFile) {
            if (!plugin.isActive()) {
                return null;
            }
            try {
                byte[] out = rewrite.rewrite(classFile);
                if (out != null) {
                    plugin.transformed();
                    AgentLogger.debug("plugin " + plugin.name() + " rewrote " + className);
                }
                return out;
            } catch (Throwable t) {
                InstrumentationInstaller.disable(plugin, "rewriting " + className + " failed", t);
                return null;
            }
        }
    }
}
