package io.graylane.rules;

import java.util.Collections;
import java.util.List;

/** A rule document was rejected as a whole; {@link #problems()} lists every problem by path. */
public final class RuleValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public RuleValidationException(List<String> problems) {
        super(summary(problems));
        this.problems = Collections.unmodifiableList(problems);
    }

    /** Each problem as {@code path: message}, e.g. {@code lanes.gray.bucket.rate: 12000 is not in 0..10000}. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        for (String p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
