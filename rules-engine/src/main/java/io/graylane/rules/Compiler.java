package io.graylane.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.graylane.rules.eval.Decimal;
import io.graylane.rules.eval.IpAddresses;
import io.graylane.rules.eval.Versions;
import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonNumber;
import io.graylane.rules.model.Bucket;
import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.Condition;
import io.graylane.rules.model.ConditionType;
import io.graylane.rules.model.ConfigValues;
import io.graylane.rules.model.Experiment;
import io.graylane.rules.model.HashMode;
import io.graylane.rules.model.Lane;
import io.graylane.rules.model.NumberCondition;
import io.graylane.rules.model.Predicate;
import io.graylane.rules.model.RegexCondition;
import io.graylane.rules.model.Rule;
import io.graylane.rules.model.Scene;
import io.graylane.rules.model.SegmentCondition;
import io.graylane.rules.model.StringCondition;
import io.graylane.rules.model.Toggle;
import io.graylane.rules.model.VersionCondition;
import io.graylane.rules.model.Whitelist;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** Validates a JSON tree and compiles it, collecting every problem by path. Not thread-safe; one per load. */
final class Compiler {
    static final List<String> DOC_KEYS = Arrays.asList("$schema", "version", "application", "description",
            "lanes", "scenes");
    static final List<String> TOGGLE_KEYS = Arrays.asList("description", "enabled", "fullGray", "whitelist",
            "rules", "bucket");
    static final List<String> LANE_KEYS = concat(TOGGLE_KEYS, "priority");
    static final List<String> SCENE_KEYS = concat(TOGGLE_KEYS, "experiment", "config");
    static final List<String> RULE_KEYS = Arrays.asList("description", "conditions");
    static final List<String> CONDITION_KEYS = Arrays.asList("type", "subject", "predicate", "objects",
            "ignoreCase", "segments");
    static final List<String> BUCKET_KEYS = Arrays.asList("key", "rate", "salt", "hash");
    static final List<String> WHITELIST_KEYS = Arrays.asList("subject", "values");
    static final List<String> EXPERIMENT_KEYS = Arrays.asList("key", "salt", "hash", "groups");
    static final List<String> GROUP_KEYS = Arrays.asList("name", "from", "to");

    /**
     * Lane names travel in RPC attachments and message properties: keep them plain. The same rule as the agent's
     * {@code LaneNames.isValid} (see {@link RuleDocuments#isLaneName}).
     */
    static final java.util.regex.Pattern LANE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final java.util.regex.Pattern INT_RANGE = java.util.regex.Pattern.compile("(-?\\d{1,18})-(-?\\d{1,18})");

    final Problems problems = new Problems();

    // ------------------------------------------------------------------ document

    RuleDocument document(Object tree, String text) {
        Map<String, Object> root = object(tree, "$");
        if (root == null) {
            return null;
        }
        knownKeys(root, "$", DOC_KEYS);
        optString(root, "$schema", "$schema");
        optString(root, "description", "description");
        String version = null;
        Object v = root.get("version");
        if (v == null) {
            problems.add("version", "is required (a string such as \"2024-06-01.1\", or an integer)");
        } else if (v instanceof String && !((String) v).trim().isEmpty()) {
            version = (String) v;
        } else if (v instanceof JsonNumber && isInteger((JsonNumber) v)) {
            version = ((JsonNumber) v).text();
        } else {
            problems.add("version", Json.describe(v) + " is not a version (a non-empty string or an integer)");
        }
        String application = optString(root, "application", "application");

        List<Lane> lanes = new ArrayList<>();
        Map<String, Object> lanesObj = root.containsKey("lanes") ? object(root.get("lanes"), "lanes") : null;
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
                Map<String, Object> lm = object(e.getValue(), path);
                if (lm == null) {
                    continue;
                }
                knownKeys(lm, path, LANE_KEYS);
                Integer priority = optInt(lm, "priority", path + ".priority", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
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
        Map<String, Object> scenesObj = root.containsKey("scenes") ? object(root.get("scenes"), "scenes") : null;
        if (scenesObj != null) {
            for (Map.Entry<String, Object> e : scenesObj.entrySet()) {
                String name = e.getKey();
                String path = "scenes." + name;
                if (name.trim().isEmpty()) {
                    problems.add("scenes", "empty scene name");
                }
                Map<String, Object> sm = object(e.getValue(), path);
                if (sm == null) {
                    continue;
                }
                knownKeys(sm, path, SCENE_KEYS);
                Toggle t = toggle(name, sm, path);
                Experiment x = sm.containsKey("experiment") ? experiment(name, sm.get("experiment"), path + ".experiment") : null;
                ConfigValues cfg = ConfigValues.EMPTY;
                if (sm.containsKey("config")) {
                    Map<String, Object> cm = object(sm.get("config"), path + ".config");
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
        if (problems.any()) {
            return null;
        }
        return new RuleDocument(version, application, lanes, scenes, text);
    }

    // ------------------------------------------------------------------ toggle

    Toggle toggle(String name, Map<String, Object> m, String path) {
        int before = problems.count();
        optString(m, "description", path + ".description");
        Boolean enabled = optBool(m, "enabled", path + ".enabled", true);
        Boolean fullGray = optBool(m, "fullGray", path + ".fullGray", false);

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
            List<Object> rl = array(m.get("rules"), path + ".rules");
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
            Map<String, Object> bm = object(m.get("bucket"), bp);
            if (bm != null) {
                knownKeys(bm, bp, BUCKET_KEYS);
                BucketHasher h = hasher(name, bm, bp, "");
                Integer rate = reqInt(bm, "rate", bp + ".rate", 0, BucketHasher.BUCKETS,
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

    private BucketHasher hasher(String owner, Map<String, Object> m, String path, String defaultSaltSuffix) {
        String key = reqString(m, "key", path + ".key", "the name of the attribute to bucket on, e.g. \"userId\"");
        HashMode mode = HashMode.MURMUR3;
        if (m.containsKey("hash")) {
            Object hv = m.get("hash");
            mode = hv instanceof String ? enumValue(HashMode.class, (String) hv) : null;
            if (mode == null) {
                problems.add(path + ".hash", Json.describe(hv) + " is not a hash (expected one of "
                        + Arrays.toString(HashMode.values()) + ")");
                return null;
            }
        }
        String salt = optString(m, "salt", path + ".salt");
        if (salt != null && mode == HashMode.GUAVA_CONSISTENT_HASH) {
            problems.add(path + ".salt", "hash GUAVA_CONSISTENT_HASH uses no salt (it reproduces the seed platform's "
                    + "assignment); remove the salt or use MURMUR3");
            return null;
        }
        if (key == null) {
            return null;
        }
        return new BucketHasher(key, salt != null ? salt : owner + defaultSaltSuffix, mode);
    }

    private Whitelist whitelist(Object o, String path) {
        Map<String, Object> m = object(o, path);
        if (m == null) {
            return null;
        }
        knownKeys(m, path, WHITELIST_KEYS);
        String subject = reqString(m, "subject", path + ".subject", "the attribute name, e.g. \"userId\"");
        List<String> values = new ArrayList<>();
        List<Object> vl = m.containsKey("values") ? array(m.get("values"), path + ".values") : null;
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
        Map<String, Object> m = object(o, path);
        if (m == null) {
            return null;
        }
        knownKeys(m, path, RULE_KEYS);
        optString(m, "description", path + ".description");
        List<Condition> conditions = new ArrayList<>();
        if (!m.containsKey("conditions")) {
            problems.add(path + ".conditions", "is required (an array; all conditions must match)");
            return null;
        }
        List<Object> cl = array(m.get("conditions"), path + ".conditions");
        if (cl == null) {
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < cl.size(); i++) {
            Condition c = condition(cl.get(i), path + ".conditions[" + i + "]");
            if (c == null) {
                ok = false;
            } else {
                conditions.add(c);
            }
        }
        return ok ? new Rule(conditions) : null;
    }

    // ------------------------------------------------------------------ conditions

    private Condition condition(Object o, String path) {
        Map<String, Object> m = object(o, path);
        if (m == null) {
            return null;
        }
        int before = problems.count();
        knownKeys(m, path, CONDITION_KEYS);
        ConditionType type = null;
        Object tv = m.get("type");
        if (tv == null) {
            problems.add(path + ".type", "is required (one of " + Arrays.toString(ConditionType.values()) + ")");
        } else {
            type = tv instanceof String ? enumValue(ConditionType.class, (String) tv) : null;
            if (type == null) {
                problems.add(path + ".type", Json.describe(tv) + " is not a condition type (expected one of "
                        + Arrays.toString(ConditionType.values()) + ")");
            }
        }
        Predicate predicate = null;
        Object pv = m.get("predicate");
        if (pv == null) {
            problems.add(path + ".predicate", "is required (one of " + Arrays.toString(Predicate.values()) + ")");
        } else {
            predicate = pv instanceof String ? enumValue(Predicate.class, (String) pv) : null;
            if (predicate == null) {
                problems.add(path + ".predicate", Json.describe(pv) + " is not a predicate (expected one of "
                        + Arrays.toString(Predicate.values()) + ")");
            } else if (type != null && !Predicate.allowedFor(type).contains(predicate)) {
                problems.add(path + ".predicate", predicate + " is not allowed on " + type + " (allowed: "
                        + join(Predicate.allowedFor(type)) + ")");
                predicate = null;
            }
        }
        String subject = reqString(m, "subject", path + ".subject", "the attribute name, e.g. \"region\"");

        boolean ignoreCase = false;
        if (m.containsKey("ignoreCase")) {
            Boolean b = optBool(m, "ignoreCase", path + ".ignoreCase", false);
            ignoreCase = b != null && b;
            if (type != null && type != ConditionType.STRING) {
                problems.add(path + ".ignoreCase", "only applies to STRING conditions, not " + type);
            }
        }
        int segments = 0;
        if (m.containsKey("segments")) {
            Integer s = optInt(m, "segments", path + ".segments", 0, 64, 0);
            segments = s == null ? 0 : s;
            if (type != null && type != ConditionType.VERSION) {
                problems.add(path + ".segments", "only applies to VERSION conditions, not " + type);
            }
        }

        List<Object> objects = null;
        if (!m.containsKey("objects")) {
            problems.add(path + ".objects", "is required (an array of values)");
        } else {
            objects = array(m.get("objects"), path + ".objects");
        }
        if (objects != null && predicate != null) {
            int n = objects.size();
            if (n < predicate.minObjects() || n > predicate.maxObjects()) {
                problems.add(path + ".objects", predicate + (predicate.maxObjects() == 1
                        ? " takes exactly 1 value" : " takes at least 1 value") + ", got " + n);
            }
        }
        if (objects == null || type == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        switch (type) {
            case NUMBER: {
                Decimal[] ds = new Decimal[objects.size()];
                for (int i = 0; i < ds.length; i++) {
                    Object v = objects.get(i);
                    String t = v instanceof String ? (String) v : v instanceof JsonNumber ? ((JsonNumber) v).text() : null;
                    ds[i] = t == null ? null : Decimal.parse(t);
                    if (ds[i] == null) {
                        problems.add(path + ".objects[" + i + "]", Json.describe(v) + " is not a NUMBER");
                    } else {
                        texts.add(ds[i].toString());
                    }
                }
                if (problems.count() != before || predicate == null || subject == null) {
                    return null;
                }
                return new NumberCondition(subject, predicate, Collections.unmodifiableList(texts), ds);
            }
            case VERSION: {
                long[][] vs = new long[objects.size()][];
                for (int i = 0; i < vs.length; i++) {
                    Object v = objects.get(i);
                    if (v instanceof String) {
                        vs[i] = Versions.parse((String) v);
                        if (vs[i] == null) {
                            problems.add(path + ".objects[" + i + "]", Json.describe(v)
                                    + " is not a VERSION (dotted numbers such as \"5.10.1\", \"v5.2\")");
                        } else {
                            texts.add((String) v);
                        }
                    } else if (v instanceof JsonNumber) {
                        problems.add(path + ".objects[" + i + "]", v + " is not a VERSION (write versions as strings: \""
                                + v + "\")");
                    } else {
                        problems.add(path + ".objects[" + i + "]", Json.describe(v) + " is not a VERSION");
                    }
                }
                if (problems.count() != before || predicate == null || subject == null) {
                    return null;
                }
                return new VersionCondition(subject, predicate, Collections.unmodifiableList(texts), vs, segments);
            }
            case STRING: {
                for (int i = 0; i < objects.size(); i++) {
                    Object v = objects.get(i);
                    if (v instanceof String) {
                        texts.add((String) v);
                    } else if (v instanceof JsonNumber) {
                        problems.add(path + ".objects[" + i + "]", v + " is not a STRING (write it as \"" + v + "\")");
                    } else {
                        problems.add(path + ".objects[" + i + "]", Json.describe(v) + " is not a STRING");
                    }
                }
                if (predicate == Predicate.REGEX && texts.size() == 1) {
                    try {
                        Pattern.compile(texts.get(0));
                    } catch (PatternSyntaxException e) {
                        String why = e.getDescription();
                        if (why.contains("internal error")) {
                            why = "unexpected ) (RE2 syntax; backreferences and lookaround are not supported)";
                        }
                        problems.add(path + ".objects[0]", "invalid REGEX " + Json.describe(texts.get(0)) + ": " + why);
                    } catch (RuntimeException e) {
                        problems.add(path + ".objects[0]", "invalid REGEX " + Json.describe(texts.get(0)) + ": " + e);
                    }
                }
                if (problems.count() != before || predicate == null || subject == null) {
                    return null;
                }
                if (predicate == Predicate.REGEX) {
                    return new RegexCondition(subject, texts.get(0), ignoreCase);
                }
                return new StringCondition(subject, predicate, Collections.unmodifiableList(texts), ignoreCase);
            }
            case SEGMENT: {
                SegmentCondition.Members members = new SegmentCondition.Members();
                for (int i = 0; i < objects.size(); i++) {
                    Object v = objects.get(i);
                    String t = v instanceof String ? (String) v
                            : v instanceof JsonNumber && isInteger((JsonNumber) v) ? ((JsonNumber) v).text() : null;
                    if (t == null) {
                        problems.add(path + ".objects[" + i + "]", Json.describe(v)
                                + " is not a SEGMENT member (a string, an integer, a range \"100-200\", an IP or a CIDR)");
                        continue;
                    }
                    String err = segmentMember(t, members);
                    if (err != null) {
                        problems.add(path + ".objects[" + i + "]", err);
                    } else {
                        texts.add(t);
                    }
                }
                if (problems.count() != before || predicate == null || subject == null) {
                    return null;
                }
                return new SegmentCondition(subject, predicate, Collections.unmodifiableList(texts), members);
            }
            default:
                throw new AssertionError(type);
        }
    }

    /** Classifies one SEGMENT member; returns an error message or null. */
    static String segmentMember(String t, SegmentCondition.Members members) {
        int slash = t.indexOf('/');
        if (slash >= 0) {
            String addr = t.substring(0, slash);
            String bits = t.substring(slash + 1);
            int prefix;
            try {
                prefix = Integer.parseInt(bits);
            } catch (NumberFormatException e) {
                return Json.describe(t) + " is not a CIDR (prefix length \"" + bits + "\" is not a number)";
            }
            long v4 = IpAddresses.ipv4(addr);
            if (v4 != IpAddresses.INVALID_V4) {
                if (prefix < 0 || prefix > 32) {
                    return Json.describe(t) + " is not a CIDR (IPv4 prefix length must be 0..32)";
                }
                long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
                members.v4.add(new long[] {v4 & mask, mask});
                return null;
            }
            if (IpAddresses.isIpv6(addr)) {
                if (prefix < 0 || prefix > 128) {
                    return Json.describe(t) + " is not a CIDR (IPv6 prefix length must be 0..128)";
                }
                long mHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
                long mLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
                members.v6.add(new long[] {IpAddresses.ipv6High(addr) & mHi, IpAddresses.ipv6Low(addr) & mLo, mHi, mLo});
                return null;
            }
            return Json.describe(t) + " is not a CIDR (\"" + addr + "\" is not an IPv4 or IPv6 address)";
        }
        long v4 = IpAddresses.ipv4(t);
        if (v4 != IpAddresses.INVALID_V4) {
            members.v4.add(new long[] {v4, 0xffffffffL});
            return null;
        }
        if (t.indexOf(':') >= 0 && IpAddresses.isIpv6(t)) {
            members.v6.add(new long[] {IpAddresses.ipv6High(t), IpAddresses.ipv6Low(t), -1L, -1L});
            return null;
        }
        if (SegmentCondition.isInteger(t)) {
            long x = SegmentCondition.parseLong(t);
            members.ranges.add(new long[] {x, x});
            return null;
        }
        Matcher r = INT_RANGE.matcher(t);
        if (r.matches()) {
            long a = Long.parseLong(r.group(1));
            long b = Long.parseLong(r.group(2));
            if (a > b) {
                return Json.describe(t) + " is an empty range (" + a + " > " + b + ")";
            }
            members.ranges.add(new long[] {a, b});
            return null;
        }
        members.strings.add(t);
        return null;
    }

    private Experiment experiment(String scene, Object o, String path) {
        Map<String, Object> m = object(o, path);
        if (m == null) {
            return null;
        }
        knownKeys(m, path, EXPERIMENT_KEYS);
        BucketHasher h = hasher(scene, m, path, "#experiment");
        if (!m.containsKey("groups")) {
            problems.add(path + ".groups", "is required (an array of {name, from, to} bucket ranges)");
            return null;
        }
        List<Object> gl = array(m.get("groups"), path + ".groups");
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
            Map<String, Object> g = object(gl.get(i), gp);
            if (g == null) {
                ok = false;
                continue;
            }
            knownKeys(g, gp, GROUP_KEYS);
            String name = reqString(g, "name", gp + ".name", "the group name, e.g. \"A\"");
            Integer f = reqInt(g, "from", gp + ".from", 0, BucketHasher.BUCKETS - 1, "the first bucket, 0..9999");
            Integer t = reqInt(g, "to", gp + ".to", 0, BucketHasher.BUCKETS - 1, "the last bucket (inclusive), 0..9999");
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

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object o, String path) {
        if (o instanceof Map) {
            return (Map<String, Object>) o;
        }
        problems.add(path, Json.describe(o) + " is not an object");
        return null;
    }

    @SuppressWarnings("unchecked")
    private List<Object> array(Object o, String path) {
        if (o instanceof List) {
            return (List<Object>) o;
        }
        problems.add(path, Json.describe(o) + " is not an array");
        return null;
    }

    void knownKeys(Map<String, Object> m, String path, List<String> allowed) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                problems.add(path.equals("$") ? k : path + "." + k, "unknown field (allowed here: " + join(allowed) + ")");
            }
        }
    }

    private String optString(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return (String) v;
        }
        problems.add(path, Json.describe(v) + " is not a string");
        return null;
    }

    private String reqString(Map<String, Object> m, String key, String path, String what) {
        Object v = m.get(key);
        if (v == null) {
            problems.add(path, "is required (" + what + ")");
            return null;
        }
        if (v instanceof String && !((String) v).isEmpty()) {
            // interned: attribute names are compared with literals in AttributeSource implementations
            // (switch, HashMap with literal keys), where an identical reference skips the char compare
            return ((String) v).intern();
        }
        problems.add(path, (v instanceof String ? "empty string" : Json.describe(v)) + " is not " + what);
        return null;
    }

    private Boolean optBool(Map<String, Object> m, String key, String path, boolean def) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        problems.add(path, Json.describe(v) + " is not a boolean (true or false)");
        return null;
    }

    private Integer optInt(Map<String, Object> m, String key, String path, int min, int max, int def) {
        if (!m.containsKey(key)) {
            return def;
        }
        return intValue(m.get(key), path, min, max, "an integer");
    }

    private Integer reqInt(Map<String, Object> m, String key, String path, int min, int max, String what) {
        if (!m.containsKey(key)) {
            problems.add(path, "is required (" + what + ")");
            return null;
        }
        return intValue(m.get(key), path, min, max, what);
    }

    private Integer intValue(Object v, String path, int min, int max, String what) {
        if (v instanceof JsonNumber && isInteger((JsonNumber) v)) {
            BigDecimal d = ((JsonNumber) v).toBigDecimal();
            if (d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return d.intValueExact();
            }
            problems.add(path, v + " is not in " + (min == Integer.MIN_VALUE ? "the int range" : min + ".." + max));
            return null;
        }
        problems.add(path, Json.describe(v) + " is not " + what);
        return null;
    }

    private static boolean isInteger(JsonNumber n) {
        String t = n.text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c == '-' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name.trim())) {
                return e;
            }
        }
        return null;
    }

    private static String join(Iterable<?> items) {
        StringBuilder sb = new StringBuilder();
        for (Object o : items) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(o);
        }
        return sb.toString();
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

    /** Problems in the order found, each "path: message". */
    static final class Problems {
        private final Set<String> list = new LinkedHashSet<>();

        void add(String path, String message) {
            list.add(path + ": " + message);
        }

        int count() {
            return list.size();
        }

        boolean any() {
            return !list.isEmpty();
        }

        void throwIfAny() throws RuleValidationException {
            if (!list.isEmpty()) {
                throw new RuleValidationException(new ArrayList<>(list));
            }
        }
    }
}
