package io.graylane.bench;

import io.graylane.rules.json.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JMH JSON result file and prints the comparison lines, the last one being
 * {@code rules-eval graylane=<ns> ns/op unleash=<ns> ns/op speedup=<x> alloc=<B> B/op} (CPU ns/op,
 * graylane's bytes/op).
 */
public final class Summary {
    public static void main(String[] args) throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> runs = (List<Object>) Json.parse(new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8));
        double gCpu = Double.NaN;
        double uCpu = Double.NaN;
        double gAlloc = Double.NaN;
        for (Object o : runs) {
            @SuppressWarnings("unchecked")
            Map<String, Object> run = (Map<String, Object>) o;
            String bench = (String) run.get("benchmark");
            String name = bench.substring(bench.lastIndexOf('.') + 1);
            double wall = score(run.get("primaryMetric"));
            double cpu = Double.NaN;
            double alloc = Double.NaN;
            @SuppressWarnings("unchecked")
            Map<String, Object> sec = (Map<String, Object>) run.get("secondaryMetrics");
            if (sec != null) {
                for (Map.Entry<String, Object> e : sec.entrySet()) {
                    if (e.getKey().endsWith("cpu.time.norm")) {
                        cpu = score(e.getValue());
                    } else if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                        alloc = score(e.getValue());
                    }
                }
            }
            System.out.println(String.format(Locale.ROOT, "%-12s wall %9.1f ns/op   cpu %9.1f ns/op   alloc %8.1f B/op",
                    name, wall, cpu, alloc));
            if (name.equals("graylane")) {
                gCpu = cpu;
                gAlloc = alloc;
            } else if (name.equals("unleash")) {
                uCpu = cpu;
            }
        }
        System.out.println(String.format(Locale.ROOT, "rules-eval graylane=%.1f ns/op unleash=%.1f ns/op speedup=%.1f alloc=%.0f B/op",
                gCpu, uCpu, uCpu / gCpu, gAlloc));
    }

    private static double score(Object metric) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) metric;
        Object s = m.get("score");
        return s == null ? Double.NaN : Double.parseDouble(s.toString());
    }
}
