package io.graylane.rules;

import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.Experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles a scene's {@code experiment}: hashing and non-overlapping bucket ranges per group. */
final class ExperimentCompiler {
    static final List<String> EXPERIMENT_KEYS = Arrays.asList("key", "salt", "hash", "groups");
    static final List<String> GROUP_KEYS = Arrays.asList("name", "from", "to");

    private final Fields fields;
    private final Problems problems;
    private final HasherCompiler hashers;

    ExperimentCompiler(Fields fields, HasherCompiler hashers) {
        this.fields = fields;
        this.problems = fields.problems;
        this.hashers = hashers;
    }

    Experiment experiment(String scene, Object o, String path) {
        Map<String, Object> m = fields.object(o, path);
        if (m == null) {
            return null;
        }
        fields.knownKeys(m, path, EXPERIMENT_KEYS);
        BucketHasher h = hashers.hasher(scene, m, path, "#experiment");
        if (!m.containsKey("groups")) {
            problems.add(path + ".groups", "is required (an array of {name, from, to} bucket ranges)");
            return null;
        }
        List<Object> gl = fields.array(m.get("groups"), path + ".groups");
        if (gl == null) {
            return null;
        }
        if (gl.isEmpty()) {
            problems.add(path + ".groups", "needs at least one group");
        }
        List<String> names = new ArrayList<>();
        int[] from = new int[gl.size()];
        int[] to = new int[gl.size()];
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < gl.size(); i++) {
            String gp = path + ".groups[" + i + "]";
            Map<String, Object> g = fields.object(gl.get(i), gp);
            if (g == null) {
                ok = false;
                continue;
            }
            fields.knownKeys(g, gp, GROUP_KEYS);
            String name = fields.reqString(g, "name", gp + ".name", "the group name, e.g. \"A\"");
            Integer f = fields.reqInt(g, "from", gp + ".from", 0, BucketHasher.BUCKETS - 1, "the first bucket, 0..9999");
            Integer t = fields.reqInt(g, "to", gp + ".to", 0, BucketHasher.BUCKETS - 1, "the last bucket (inclusive), 0..9999");
            if (name == null || f == null || t == null) {
                ok = false;
                names.add("?");
                continue;
            }
            if (!seen.add(name)) {
                problems.add(gp + ".name", "duplicate group \"" + name + "\"");
                ok = false;
            }
            if (f > t) {
                problems.add(gp, "from " + f + " is greater than to " + t);
                ok = false;
            }
            for (int k = 0; k < i; k++) {
                if (k < names.size() && !"?".equals(names.get(k)) && f <= to[k] && t >= from[k]) {
                    problems.add(gp, "buckets " + f + ".." + t + " overlap groups[" + k + "] \"" + names.get(k) + "\" ("
                            + from[k] + ".." + to[k] + ")");
                    ok = false;
                }
            }
            names.add(name);
            from[i] = f;
            to[i] = t;
        }
        if (!ok || h == null) {
            return null;
        }
        return new Experiment(h, names, from, to);
    }
}
