package io.graylane.rules;

import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonNumber;
import io.graylane.rules.model.Bucket;
import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.Condition;
import io.graylane.rules.model.ConfigValues;
import io.graylane.rules.model.Experiment;
import io.graylane.rules.model.JobLanes;
import io.graylane.rules.model.Lane;
import io.graylane.rules.model.Rule;
import io.graylane.rules.model.Scene;
import io.graylane.rules.model.Toggle;
import io.graylane.rules.model.Whitelist;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates a JSON tree and compiles it, collecting every problem by path. Not thread-safe; one per load. */
final class Compiler {
    static final List<String> DOC_KEYS = Arrays.asList("$schema", "version", "application", "description",
            "lanes", "scenes", "jobs");
    static final List<String> TOGGLE_KEYS = Arrays.asList("description", "enabled", "fullGray", "whitelist",
            "rules", "bucket");
    static final List<String> LANE_KEYS = concat(TOGGLE_KEYS, "priority");
    static final List<String> SCENE_KEYS = concat(TOGGLE_KEYS, "experiment", "config");
    static final List<String> RULE_KEYS = Arrays.asList("description", "conditions");
    static final List<String> BUCKET_KEYS = Arrays.asList("key", "rate", "salt", "hash");
    static final List<String> WHITELIST_KEYS = Arrays.asList("subject", "values");

    /**
     * Lane names travel in RPC attachments and message properties: keep them plain. The same rule as the agent's
     * {@code LaneNames.isValid} (see {@link RuleDocuments#isLaneName}).
     */
    static final Pattern LANE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    final Problems problems = new Problems();
    final Fields fields = new Fields(problems);
    private final ConditionCompiler conditionCompiler = new ConditionCompiler(fields);
    private final HasherCompiler hashers = new HasherCompiler(fields);
    private final ExperimentCompiler experiments = new ExperimentCompiler(fields, hashers);

    // ------------------------------------------------------------------ document

    RuleDocument document(Object tree, String text) {
        Map<String, Object> root = fields.object(tree, "$");
        if (root == null) {
            return null;
        }
        fields.knownKeys(root, "$", DOC_KEYS);
        fields.optString(root, "$schema", "$schema");
        fields.optString(root, "description", "description");
        String version = null;
        Object v = root.get("version");
        if (v == null) {
            problems.add("version", "is required (a string such as \"2024-06-01.1\", or an integer)");
        } else if (v instanceof String && !((String) v).trim().isEmpty()) {
            version = (String) v;
        } else if (v instanceof JsonNumber && Fields.isInteger((JsonNumber) v)) {
            version = ((JsonNumber) v).text();
        } else {
            problems.add("version", Json.describe(v) + " is not a version (a non-empty string or an integer)");
        }
        String application = fields.optString(root, "application", "application");

        List<Lane> lanes = new ArrayList<>();
        Map<String, Object> lanesObj = root.containsKey("lanes") ? fields.object(root.get("lanes"), "lanes") : null;
        if (lanesObj != null) {
            for (Map.Entry<String, Object> e : lanesObj.entrySet()) {
                String name = e.getKey();
                String path = "lanes." + name;
                if (name.trim().isEmpty()) {
                    problems.add("lanes", "empty lane name");
                    path = "lanes.\"" + name + "\"";
                } else if (!RuleDocuments.isLaneName(name)) {
                    problems.add(path, "lane name \"" + name
                            + "\" must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
                }
                Map<String, Object> lm = fields.object(e.getValue(), path);
                if (lm == null) {
                    continue;
                }
                fields.knownKeys(lm, path, LANE_KEYS);
                Integer priority = fields.optInt(lm, "priority", path + ".priority", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
                Toggle t = toggle(name, lm, path);
                if (t != null) {
                    lanes.add(new Lane(name, priority == null ? 0 : priority, t));
                }
            }
        }
        Collections.sort(lanes, new Comparator<Lane>() {
            @Override
            public int compare(Lane a, Lane b) {
                int c = Integer.compare(a.priority(), b.priority());
                return c != 0 ? c : a.name().compareTo(b.name());
            }
        });

        Map<String, Scene> scenes = new LinkedHashMap<>();
        Map<String, Object> scenesObj = root.containsKey("scenes") ? fields.object(root.get("scenes"), "scenes") : null;
        if (scenesObj != null) {
            for (Map.Entry<String, Object> e : scenesObj.entrySet()) {
                String name = e.getKey();
                String path = "scenes." + name;
                if (name.trim().isEmpty()) {
                    problems.add("scenes", "empty scene name");
                }
                Map<String, Object> sm = fields.object(e.getValue(), path);
                if (sm == null) {
                    continue;
                }
                fields.knownKeys(sm, path, SCENE_KEYS);
                Toggle t = toggle(name, sm, path);
                Experiment x = sm.containsKey("experiment") ? experiments.experiment(name, sm.get("experiment"), path + ".experiment") : null;
                ConfigValues cfg = ConfigValues.EMPTY;
                if (sm.containsKey("config")) {
                    Map<String, Object> cm = fields.object(sm.get("config"), path + ".config");
                    if (cm != null) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> converted = (Map<String, Object>) plain(cm);
                        cfg = new ConfigValues(converted, Json.write(cm));
                    }
                }
                if (t != null) {
                    scenes.put(name, new Scene(name, t, x, cfg));
                }
            }
        }
        JobLanes jobs = root.containsKey("jobs") ? jobs(root.get("jobs")) : JobLanes.NONE;
        if (problems.any()) {
            return null;
        }
        EveryoneCheck.lanes(lanes, problems);
        return new RuleDocument(version, application, lanes, scenes, jobs, text, problems.warnings());
    }

    // ------------------------------------------------------------------ jobs

    /** {@code "jobs": {"<task id>" | "<prefix>*": "<lane>"}}: the lanes scheduled jobs run in. */
    JobLanes jobs(Object tree) {
        Map<String, Object> m = fields.object(tree, "jobs");
        if (m == null) {
            return JobLanes.NONE;
        }
        Map<String, String> patterns = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String key = e.getKey();
            String path = "jobs.\"" + key + "\"";
            int star = key.indexOf('*');
            if (key.isEmpty() || key.equals("*") || (star >= 0 && star != key.length() - 1)) {
                problems.add(path, "a job pattern is a task id, or a non-empty prefix followed by one '*' at the end");
                continue;
            }
            Object v = e.getValue();
            if (!(v instanceof String) || !RuleDocuments.isLaneName((String) v)) {
                problems.add(path, Json.describe(v)
                        + " is not a lane name (1-64 letters, digits, '_', '.' or '-', starting with a letter or digit)");
                continue;
            }
            patterns.put(key, (String) v);
        }
        return new JobLanes(patterns);
    }

    // ------------------------------------------------------------------ toggle

    Toggle toggle(String name, Map<String, Object> m, String path) {
        int before = problems.count();
        fields.optString(m, "description", path + ".description");
        Boolean enabled = fields.optBool(m, "enabled", path + ".enabled", true);
        Boolean fullGray = fields.optBool(m, "fullGray", path + ".fullGray", false);

        List<Whitelist> whitelists = new ArrayList<>();
        if (m.containsKey("whitelist")) {
            Object w = m.get("whitelist");
            if (w instanceof List) {
                List<?> wl = (List<?>) w;
                for (int i = 0; i < wl.size(); i++) {
                    Whitelist x = whitelist(wl.get(i), path + ".whitelist[" + i + "]");
                    if (x != null) {
                        whitelists.add(x);
                    }
                }
            } else {
                Whitelist x = whitelist(w, path + ".whitelist");
                if (x != null) {
                    whitelists.add(x);
                }
            }
        }

        List<Rule> rules = new ArrayList<>();
        if (m.containsKey("rules")) {
            List<Object> rl = fields.array(m.get("rules"), path + ".rules");
            if (rl != null) {
                for (int i = 0; i < rl.size(); i++) {
                    Rule r = rule(rl.get(i), path + ".rules[" + i + "]");
                    if (r != null) {
                        rules.add(r);
                    }
                }
            }
        }

        Bucket bucket = null;
        if (m.containsKey("bucket")) {
            String bp = path + ".bucket";
            Map<String, Object> bm = fields.object(m.get("bucket"), bp);
            if (bm != null) {
                fields.knownKeys(bm, bp, BUCKET_KEYS);
                BucketHasher h = hashers.hasher(name, bm, bp, "");
                Integer rate = fields.reqInt(bm, "rate", bp + ".rate", 0, BucketHasher.BUCKETS,
                        "an integer 0..10000 (hits buckets 0..rate-1 of 10,000; 3000 = 30 %)");
                if (h != null && rate != null) {
                    bucket = new Bucket(h, rate);
                }
            }
        }
        if (problems.count() != before) {
            return null;
        }
        return new Toggle(name, enabled, fullGray, whitelists, rules, bucket);
    }

    private Whitelist whitelist(Object o, String path) {
        Map<String, Object> m = fields.object(o, path);
        if (m == null) {
            return null;
        }
        fields.knownKeys(m, path, WHITELIST_KEYS);
        String subject = fields.reqString(m, "subject", path + ".subject", "the attribute name, e.g. \"userId\"");
        List<String> values = new ArrayList<>();
        List<Object> vl = m.containsKey("values") ? fields.array(m.get("values"), path + ".values") : null;
        if (!m.containsKey("values")) {
            problems.add(path + ".values", "is required (an array of strings)");
        }
        if (vl != null) {
            for (int i = 0; i < vl.size(); i++) {
                Object v = vl.get(i);
                if (v instanceof String) {
                    values.add((String) v);
                } else if (v instanceof JsonNumber) {
                    values.add(((JsonNumber) v).text());
                } else {
                    problems.add(path + ".values[" + i + "]", Json.describe(v) + " is not a string");
                }
            }
        }
        return subject == null ? null : new Whitelist(subject, values);
    }

    private Rule rule(Object o, String path) {
        Map<String, Object> m = fields.object(o, path);
        if (m == null) {
            return null;
        }
        fields.knownKeys(m, path, RULE_KEYS);
        fields.optString(m, "description", path + ".description");
        List<Condition> conditions = new ArrayList<>();
        if (!m.containsKey("conditions")) {
            problems.add(path + ".conditions", "is required (an array; all conditions must match)");
            return null;
        }
        List<Object> cl = fields.array(m.get("conditions"), path + ".conditions");
        if (cl == null) {
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < cl.size(); i++) {
            Condition c = conditionCompiler.condition(cl.get(i), path + ".conditions[" + i + "]");
            if (c == null) {
                ok = false;
            } else {
                conditions.add(c);
            }
        }
        return ok ? new Rule(conditions) : null;
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> l = new ArrayList<>(a);
        l.addAll(Arrays.asList(more));
        return Collections.unmodifiableList(l);
    }

    /** JSON tree → plain Java values: numbers to BigDecimal, null literal to null; containers unmodifiable. */
    @SuppressWarnings("unchecked")
    static Object plain(Object v) {
        if (v == Json.NULL) {
            return null;
        }
        if (v instanceof JsonNumber) {
            return ((JsonNumber) v).toBigDecimal();
        }
        if (v instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                out.put(e.getKey(), plain(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<Object>) v) {
                out.add(plain(o));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
