package io.graylane.core.install;

import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Matches the class loaders that can see every witness class of a plugin, checked as resources (never loads a class)
 * and cached per loader.
 */
final class WitnessMatcher implements ElementMatcher<ClassLoader> {
    private final String[] resources;
    private final Map<ClassLoader, Boolean> cache = new WeakHashMap<ClassLoader, Boolean>();
    private volatile Boolean bootstrapResult;

    WitnessMatcher(List<String> witnessClasses) {
        resources = new String[witnessClasses.size()];
        for (int i = 0; i < resources.length; i++) {
            resources[i] = witnessClasses.get(i).replace('.', '/') + ".class";
        }
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (resources.length == 0) {
            return true;
        }
        if (loader == null) {
            Boolean r = bootstrapResult;
            if (r == null) {
                r = check(null);
                bootstrapResult = r;
            }
            return r;
        }
        synchronized (cache) {
            Boolean r = cache.get(loader);
            if (r == null) {
                r = check(loader);
                cache.put(loader, r);
            }
            return r;
        }
    }

    private boolean check(ClassLoader loader) {
        for (String resource : resources) {
            boolean present = loader == null ? Object.class.getResource("/" + resource) != null
                    : loader.getResource(resource) != null;
            if (!present) {
                return false;
            }
        }
        return true;
    }
}
