package io.graylane.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the compiler found, in the order found, each "path: message": problems reject the document, warnings do not. */
final class Problems {
    private final Set<String> list = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    void add(String path, String message) {
        list.add(path + ": " + message);
    }

    void warn(String path, String message) {
        warnings.add(path + ": " + message);
    }

    int count() {
        return list.size();
    }

    boolean any() {
        return !list.isEmpty();
    }

    List<String> warnings() {
        return Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    void throwIfAny() throws RuleValidationException {
        if (!list.isEmpty()) {
            throw new RuleValidationException(new ArrayList<>(list));
        }
    }
}
