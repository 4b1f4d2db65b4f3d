package io.graylane.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.graylane.rules.eval.Decimal;
import io.graylane.rules.eval.Versions;
import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonNumber;
import io.graylane.rules.model.Condition;
import io.graylane.rules.model.ConditionType;
import io.graylane.rules.model.NumberCondition;
import io.graylane.rules.model.Predicate;
import io.graylane.rules.model.RegexCondition;
import io.graylane.rules.model.SegmentCondition;
import io.graylane.rules.model.StringCondition;
import io.graylane.rules.model.VersionCondition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Validates and compiles one condition object ({@code type, subject, predicate, objects, …}). */
final class ConditionCompiler {
    static final List<String> CONDITION_KEYS = Arrays.asList("type", "subject", "predicate", "objects",
            "ignoreCase", "segments");

    private final Fields fields;
    private final Problems problems;

    ConditionCompiler(Fields fields) {
        this.fields = fields;
        this.problems = fields.problems;
    }

    Condition condition(Object o, String path) {
        Map<String, Object> m = fields.object(o, path);
        if (m == null) {
            return null;
        }
        int before = problems.count();
        fields.knownKeys(m, path, CONDITION_KEYS);
        ConditionType type = null;
        Object tv = m.get("type");
        if (tv == null) {
            problems.add(path + ".type", "is required (one of " + Arrays.toString(ConditionType.values()) + ")");
        } else {
            type = tv instanceof String ? fields.enumValue(ConditionType.class, (String) tv) : null;
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
            predicate = pv instanceof String ? fields.enumValue(Predicate.class, (String) pv) : null;
            if (predicate == null) {
                problems.add(path + ".predicate", Json.describe(pv) + " is not a predicate (expected one of "
                        + Arrays.toString(Predicate.values()) + ")");
            } else if (type != null && !Predicate.allowedFor(type).contains(predicate)) {
                problems.add(path + ".predicate", predicate + " is not allowed on " + type + " (allowed: "
                        + Fields.join(Predicate.allowedFor(type)) + ")");
                predicate = null;
            }
        }
        String subject = fields.reqString(m, "subject", path + ".subject", "the attribute name, e.g. \"region\"");

        boolean ignoreCase = false;
        if (m.containsKey("ignoreCase")) {
            Boolean b = fields.optBool(m, "ignoreCase", path + ".ignoreCase", false);
            ignoreCase = b != null && b;
            if (type != null && type != ConditionType.STRING) {
                problems.add(path + ".ignoreCase", "only applies to STRING conditions, not " + type);
            }
        }
        int segments = 0;
        if (m.containsKey("segments")) {
            Integer s = fields.optInt(m, "segments", path + ".segments", 0, 64, 0);
            segments = s == null ? 0 : s;
            if (type != null && type != ConditionType.VERSION) {
                problems.add(path + ".segments", "only applies to VERSION conditions, not " + type);
            }
        }

        List<Object> objects = null;
        if (!m.containsKey("objects")) {
            problems.add(path + ".objects", "is required (an array of values)");
        } else {
            objects = fields.array(m.get("objects"), path + ".objects");
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
                        problems.add(path + ".objects[" + i + "]", Json.describe(v) + " is "
                                + (t == null ? "not a NUMBER" : Decimal.whyNot(t)));
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
                        problems.add(path + ".objects[0]", "invalid REGEX " + Json.describe(texts.get(0)) + ": "
                                + Re2Syntax.explain(texts.get(0), e));
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
                            : v instanceof JsonNumber && Fields.isInteger((JsonNumber) v) ? ((JsonNumber) v).text() : null;
                    if (t == null) {
                        problems.add(path + ".objects[" + i + "]", Json.describe(v)
                                + " is not a SEGMENT member (a string, an integer, a range \"100-200\", an IP or a CIDR)");
                        continue;
                    }
                    int literals = members.strings.size();
                    String err = SegmentMembers.classify(t, members);
                    if (err != null) {
                        problems.add(path + ".objects[" + i + "]", err);
                    } else {
                        texts.add(t);
                        if (members.strings.size() > literals && SegmentMembers.looksNumericOrAddress(t)) {
                            problems.warn(path + ".objects[" + i + "]", Json.describe(t) + " is not an integer, range,"
                                    + " IP address or CIDR; it is compared as exact text");
                        }
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
}
