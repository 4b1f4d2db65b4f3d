package io.graylane.core.plugin;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Matches types by exact binary name and says which names: use {@link #named(String...)} for a
 * {@link TypeInstrumentation#typeMatcher()} so the agent can keep ByteBuddy's set-up off the application's start-up
 * path (see {@link TypeInstrumentation#typeNames()}).
 */
public final class NamedTypeMatcher extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
    private final Set<String> names;

    private NamedTypeMatcher(Set<String> names) {
        this.names = names;
    }

    public static NamedTypeMatcher named(String... binaryNames) {
        return new NamedTypeMatcher(Collections.unmodifiableSet(new LinkedHashSet<String>(Arrays.asList(binaryNames))));
    }

    public Set<String> names() {
        return names;
    }

    @Override
    public boolean matches(TypeDescription target) {
        return target != null && names.contains(target.getName());
    }

    @Override
    public String toString() {
        return "named" + names;
    }
}
