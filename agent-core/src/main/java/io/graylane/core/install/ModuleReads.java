package io.graylane.core.install;

import io.graylane.core.logging.AgentLogger;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * On Java 9+, lets the JDK's named modules read the bootstrap loader's unnamed module, where graylane's bootstrap
 * classes live: code woven into a JDK class (a thread pool) calls them. Reflection keeps this Java 8 compatible; on
 * Java 8 there are no modules and nothing to do.
 */
final class ModuleReads {
    private ModuleReads() {
    }

    static void bootLayerReads(Instrumentation inst, Class<?> bootstrapClass) {
        try {
            Class<?> moduleType = Class.forName("java.lang.Module");
            Method getModule = Class.class.getMethod("getModule");
            Object target = getModule.invoke(bootstrapClass);
            Class<?> layerType = Class.forName("java.lang.ModuleLayer");
            Object bootLayer = layerType.getMethod("boot").invoke(null);
            Set<?> modules = (Set<?>) layerType.getMethod("modules").invoke(bootLayer);
            Method canRead = moduleType.getMethod("canRead", moduleType);
            Method redefine = Instrumentation.class.getMethod("redefineModule", moduleType, Set.class, Map.class,
                    Map.class, Set.class, Map.class);
            Method modifiable = Instrumentation.class.getMethod("isModifiableModule", moduleType);
            Set<Object> reads = Collections.singleton(target);
            for (Object m : modules) {
                if (!(Boolean) canRead.invoke(m, target) && (Boolean) modifiable.invoke(inst, m)) {
                    redefine.invoke(inst, m, reads, Collections.emptyMap(), Collections.emptyMap(),
                            Collections.emptySet(), Collections.emptyMap());
                }
            }
        } catch (ClassNotFoundException java8) {
            // no modules
        } catch (Throwable t) {
            AgentLogger.warn("could not let the JDK's modules read graylane's bootstrap classes; "
                    + "instrumentation of JDK classes may fail", t);
        }
    }
}
