package io.graylane.rules.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code jobs} section of a rule document: which lane runs a scheduled (cron or repeat) job, by its task id. A
 * key is an exact task id, or a prefix followed by one {@code *} ({@code "report-*"}); an exact key wins over a prefix,
 * a longer prefix over a shorter one. A job no key names runs on baseline.
 */
public final class JobLanes {
    public static final JobLanes NONE = new JobLanes(Collections.<String, String>emptyMap());

    private final Map<String, String> byPattern;
    private final Map<String, String> exact = new LinkedHashMap<>();
    private final String[] prefixes;
    private final String[] prefixLanes;

    /** @param byPattern task-id pattern → lane name, already checked */
    public JobLanes(Map<String, String> byPattern) {
        this.byPattern = Collections.unmodifiableMap(new LinkedHashMap<>(byPattern));
        Map<String, String> prefixed = new java.util.TreeMap<>((a, b) -> a.length() != b.length()
                ? Integer.compare(b.length(), a.length()) : a.compareTo(b));
        for (Map.Entry<String, String> e : byPattern.entrySet()) {
            String k = e.getKey();
            if (k.endsWith("*")) {
                prefixed.put(k.substring(0, k.length() - 1), e.getValue());
            } else {
                exact.put(k, e.getValue());
            }
        }
        prefixes = prefixed.keySet().toArray(new String[0]);
        prefixLanes = prefixed.values().toArray(new String[0]);
    }

    /** The lane of the job with this task id, or null (baseline). */
    public String laneOf(String taskId) {
        if (taskId == null) {
            return null;
        }
        String lane = exact.get(taskId);
        if (lane != null) {
            return lane;
        }
        for (int i = 0; i < prefixes.length; i++) {
            if (taskId.startsWith(prefixes[i])) {
                return prefixLanes[i];
            }
        }
        return null;
    }

    /** Pattern → lane, as written. */
    public Map<String, String> patterns() {
        return byPattern;
    }

    public boolean isEmpty() {
        return byPattern.isEmpty();
    }
}
