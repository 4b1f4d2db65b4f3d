package io.graylane.bootstrap.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's metrics: counters (and a few gauges read from elsewhere) with labels, rendered in the Prometheus text
 * format by the admin endpoint. Lives on the bootstrap class path so advice woven into any class can count. Look a
 * counter up once and keep it where the label values are fixed; {@link #counter} with varying labels costs a map
 * lookup.
 */
public final class MetricRegistry {
    private static final ConcurrentMap<String, String> HELP = new ConcurrentHashMap<String, String>();
    private static final ConcurrentMap<String, Counter> COUNTERS = new ConcurrentHashMap<String, Counter>();
    /** Metric names rendered as {@code gauge}; every other name is a {@code counter}. */
    private static final ConcurrentMap<String, Boolean> GAUGES = new ConcurrentHashMap<String, Boolean>();

    private MetricRegistry() {
    }

    /**
     * @param name metric name, e.g. {@code graylane_ingress_colored_total}
     * @param help one line of help text (the first one given for a name wins)
     * @param labelPairs label name, value, name, value…
     */
    public static Counter counter(String name, String help, String... labelPairs) {
        String labels = labels(labelPairs);
        String key = labels.isEmpty() ? name : name + '{' + labels + '}';
        Counter c = COUNTERS.get(key);
        if (c == null) {
            if (help != null) {
                HELP.putIfAbsent(name, help);
            }
            Counter created = new Counter(name, labels);
            c = COUNTERS.putIfAbsent(key, created);
            if (c == null) {
                c = created;
            }
        }
        return c;
    }

    /**
     * Registers (or replaces) a counter whose value is read from a count kept elsewhere, e.g. the rules engine's
     * rejection count.
     */
    public static Counter counterFrom(String name, String help, java.util.function.LongSupplier source,
                                      String... labelPairs) {
        String labels = labels(labelPairs);
        String key = labels.isEmpty() ? name : name + '{' + labels + '}';
        if (help != null) {
            HELP.putIfAbsent(name, help);
        }
        Counter c = new Counter(name, labels, source);
        COUNTERS.put(key, c);
        return c;
    }

    /**
     * Registers (or replaces) a gauge: a value that goes up and down (1/0 for "up", a number in flight), read from
     * {@code source} whenever it is rendered. Rendered with {@code # TYPE name gauge}; read back with {@link #value}.
     */
    public static void gaugeFrom(String name, String help, java.util.function.LongSupplier source, String... labelPairs) {
        GAUGES.put(name, Boolean.TRUE);
        counterFrom(name, help, source, labelPairs);
    }

    /** Current value of a counter or gauge, 0 when it does not exist. */
    public static long value(String name, String... labelPairs) {
        String labels = labels(labelPairs);
        Counter c = COUNTERS.get(labels.isEmpty() ? name : name + '{' + labels + '}');
        return c == null ? 0 : c.get();
    }

    /** Prometheus text exposition format 0.0.4. */
    public static String renderPrometheus() {
        List<String> keys = new ArrayList<String>(COUNTERS.keySet());
        Collections.sort(keys);
        StringBuilder out = new StringBuilder();
        String lastName = null;
        for (String key : keys) {
            Counter c = COUNTERS.get(key);
            if (!c.name().equals(lastName)) {
                lastName = c.name();
                String help = HELP.get(lastName);
                if (help != null) {
                    out.append("# HELP ").append(lastName).append(' ').append(help).append('\n');
                }
                out.append("# TYPE ").append(lastName).append(GAUGES.containsKey(lastName) ? " gauge\n" : " counter\n");
            }
            out.append(key).append(' ').append(c.get()).append('\n');
        }
        return out.toString();
    }

    private static String labels(String[] pairs) {
        if (pairs == null || pairs.length == 0) {
            return "";
        }
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs must come as name, value");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return sb.toString();
    }

    private static String escape(String v) {
        if (v == null) {
            return "";
        }
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
