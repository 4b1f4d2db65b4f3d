package io.graylane.core.install;

import io.graylane.bootstrap.AgentBridge;
import io.graylane.bootstrap.LaneContext;
import io.graylane.core.logging.AgentLogger;
import io.graylane.core.plugin.PluginState;
import io.graylane.core.plugin.TypeInstrumentation;
import io.graylane.core.plugin.TypeTransformer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

/**
 * Installs every active plugin's class rewrites and instrumentations (one ByteBuddy agent builder for all). Advice is inlined (no class-shape
 * change, so retransformation by other agents keeps working); a Throwable in advice is suppressed and reported to
 * {@link AgentBridge#adviceFailed}; a failure to transform disables the plugin that caused it and is logged once.
 */
public final class InstrumentationInstaller {
    /** The plugins whose transformers ran for the type being transformed on this thread. */
    private static final ThreadLocal<List<PluginState>> APPLYING = new ThreadLocal<List<PluginState>>() {
        @Override
        protected List<PluginState> initialValue() {
            return new ArrayList<PluginState>(2);
        }
    };

    private InstrumentationInstaller() {
    }

    /**
     * Installs every active plugin. When all instrumentations name their target types (the normal case), ByteBuddy is
     * set up on a background thread behind a {@link StartupGate}; otherwise during this call.
     */
    public static void install(Instrumentation inst, List<PluginState> plugins, ClassLoader agentLoader)
            throws NoSuchMethodException {
        ModuleReads.bootLayerReads(inst, LaneContext.class);
        Map<PluginState, List<TypeInstrumentation>> byPlugin = new LinkedHashMap<PluginState, List<TypeInstrumentation>>();
        Set<String> wovenNames = new HashSet<String>();
        boolean allNamed = true;
        for (PluginState state : plugins) {
            if (!state.isActive()) {
                continue;
            }
            try {
                List<TypeInstrumentation> types = new ArrayList<TypeInstrumentation>(state.plugin().typeInstrumentations());
                for (TypeInstrumentation t : types) {
                    Set<String> names = t.typeNames();
                    if (names == null) {
                        allNamed = false;
                    } else {
                        wovenNames.addAll(names);
                    }
                }
                byPlugin.put(state, types);
            } catch (Throwable t) {
                disable(state, "its instrumentations could not be created", t);
            }
        }
        final StartupGate gate = new StartupGate(plugins, allNamed ? wovenNames : Collections.<String>emptySet());
        inst.addTransformer(gate, true);
        retransformLoaded(inst, gate, false);
        boolean anyWoven = false;
        for (List<TypeInstrumentation> l : byPlugin.values()) {
            anyWoven |= !l.isEmpty();
        }
        if (!anyWoven) {
            gate.open(null);
            return;
        }
        if (!allNamed) {
            build(inst, byPlugin, agentLoader).installOn(inst);
            gate.open(null);
            return;
        }
        final Instrumentation instrumentation = inst;
        final Map<PluginState, List<TypeInstrumentation>> types = byPlugin;
        final ClassLoader loader = agentLoader;
        Thread builder = new Thread(new Runnable() {
            @Override
            public void run() {
                long t0 = System.nanoTime();
                ClassFileTransformer transformer = null;
                try {
                    transformer = build(instrumentation, types, loader).makeRaw();
                } catch (Throwable t) {
                    AgentLogger.error("ByteBuddy could not be set up; instrumented frameworks run without graylane", t);
                }
                gate.open(transformer);
                if (transformer != null) {
                    retransformLoaded(instrumentation, gate, true);
                    AgentLogger.debug("ByteBuddy ready after " + (System.nanoTime() - t0) / 1_000_000
                            + " ms on a background thread");
                }
            }
        }, "graylane-install");
        builder.setDaemon(true);
        gate.builderThread(builder);
        builder.start();
    }

    /** Retransforms already loaded targets: rewrite targets at once, woven ones once ByteBuddy is ready. */
    private static void retransformLoaded(Instrumentation inst, StartupGate gate, boolean woven) {
        List<Class<?>> loaded = new ArrayList<Class<?>>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String name = c.getName();
            if ((gate.targets(name) || (woven && gate.missed().contains(name))) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (loaded.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (Throwable t) {
            AgentLogger.warn("could not instrument already loaded " + loaded, t);
        }
    }

    private static AgentBuilder build(Instrumentation inst, Map<PluginState, List<TypeInstrumentation>> byPlugin,
                                      ClassLoader agentLoader) throws NoSuchMethodException {
        disableNexus();
        Advice.ExceptionHandler toBridge = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                new MethodDescription.ForLoadedMethod(AgentBridge.class.getMethod("adviceFailed", Throwable.class))));
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.DescriptionStrategy.Default.HYBRID)
                .with(new FailureListener())
                .assureReadEdgeTo(inst, LaneContext.class)
                .ignore(nameStartsWith("io.graylane.bootstrap.")
                        .or(nameStartsWith("io.graylane.agent."))
                        .or(nameStartsWith("io.graylane.shaded."))
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("jdk.internal.reflect."))
                        .or(nameStartsWith("sun.reflect."))
                        .or(nameContains("$$Lambda"))
                        .or(isSynthetic()), new OwnLoaders(agentLoader));
        for (Map.Entry<PluginState, List<TypeInstrumentation>> e : byPlugin.entrySet()) {
            PluginState state = e.getKey();
            if (!state.isActive()) {
                continue;
            }
            WitnessMatcher witness;
            try {
                witness = new WitnessMatcher(state.plugin().witnessClasses());
            } catch (Throwable t) {
                disable(state, "its witness classes could not be listed", t);
                continue;
            }
            ClassLoader pluginLoader = state.plugin().getClass().getClassLoader();
            for (TypeInstrumentation type : e.getValue()) {
                try {
                    final AgentBuilder.Identified.Extendable[] chain = {builder
                            .type(new Guard(state, type.typeMatcher()), witness)
                            .transform(new Marker(state))};
                    final AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                            .include(pluginLoader)
                            .withExceptionHandler(toBridge);
                    type.transform(new TypeTransformer() {
                        @Override
                        public void applyAdviceToMethod(ElementMatcher<? super MethodDescription> methods,
                                                        String adviceClassName) {
                            chain[0] = chain[0].transform(advice.advice(methods, adviceClassName));
                        }
                    });
                    builder = chain[0];
                } catch (Throwable t) {
                    disable(state, "instrumentation " + type.getClass().getName() + " could not be set up", t);
                    break;
                }
            }
        }
        return builder;
    }

    /**
     * ByteBuddy's Nexus serves self-initialising generated types, which graylane never creates (advice is inlined, no
     * class-format changes). Left on, its set-up generates a class at start-up: ~250 ms of the host's start time. The
     * property is in ByteBuddy's relocated namespace, so it cannot affect an application's own ByteBuddy.
     */
    private static void disableNexus() {
        String bb = ByteBuddy.class.getName();
        String key = bb.substring(0, bb.length() - "ByteBuddy".length()) + "nexus.disabled";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "true");
        }
    }

    static void disable(PluginState state, String why, Throwable t) {
        if (state.disable(why + ": " + t)) {
            AgentLogger.error("plugin " + state.name() + " disabled: " + why
                    + "; the application continues without it", t);
        }
    }

    /** Never matches for a disabled plugin; a matcher that throws disables its plugin. */
    private static final class Guard implements ElementMatcher<TypeDescription> {
        private final PluginState state;
        private final ElementMatcher<TypeDescription> delegate;

        Guard(PluginState state, ElementMatcher<TypeDescription> delegate) {
            this.state = state;
            this.delegate = delegate;
        }

        @Override
        public boolean matches(TypeDescription target) {
            if (!state.isActive()) {
                return false;
            }
            try {
                return delegate.matches(target);
            } catch (Throwable t) {
                disable(state, "its type matcher failed on " + target.getName(), t);
                return false;
            }
        }
    }

    /** Records which plugins transform the current type, so a failure can be laid at the right plugin's door. */
    private static final class Marker implements AgentBuilder.Transformer {
        private final PluginState state;

        Marker(PluginState state) {
            this.state = state;
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                ClassLoader loader, JavaModule module, ProtectionDomain domain) {
            APPLYING.get().add(state);
            return builder;
        }
    }

    private static final class OwnLoaders implements ElementMatcher<ClassLoader> {
        private final ClassLoader agentLoader;

        OwnLoaders(ClassLoader agentLoader) {
            this.agentLoader = agentLoader;
        }

        @Override
        public boolean matches(ClassLoader loader) {
            return loader != null && (loader == agentLoader || loader.getParent() == agentLoader);
        }
    }

    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            for (PluginState s : APPLYING.get()) {
                s.transformed();
                AgentLogger.debug("plugin " + s.name() + " instrumented " + type.getName());
            }
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            List<PluginState> applying = APPLYING.get();
            if (applying.isEmpty()) {
                AgentLogger.warnOnce("transform-error:" + typeName, "could not instrument " + typeName, error);
            }
            for (PluginState s : applying) {
                disable(s, "instrumenting " + typeName + " failed", error);
            }
        }

        @Override
        public void onComplete(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
            APPLYING.get().clear();
        }
    }
}
