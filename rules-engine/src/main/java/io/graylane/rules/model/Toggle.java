package io.graylane.rules.model;

import io.graylane.rules.AttributeSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A compiled toggle. It hits when it is enabled and (the request is whitelisted, or it is fully gray,
 * or (any rule matches and the bucket hits — a toggle without a bucket hits everyone the rules match)).
 * Without rules, a bucket draws from every request, and a toggle with neither rules nor a bucket hits its
 * whitelist only: everyone is in only with {@code fullGray}. Immutable; {@link #hits} allocates nothing
 * (except inside REGEX conditions).
 */
public final class Toggle {
    private final String name;
    private final boolean enabled;
    private final boolean fullGray;
    private final Whitelist[] whitelists;
    private final Rule[] rules;
    private final Bucket bucket; // may be null

    public Toggle(String name, boolean enabled, boolean fullGray, List<Whitelist> whitelists, List<Rule> rules,
                  Bucket bucket) {
        this.name = name;
        this.enabled = enabled;
        this.fullGray = fullGray;
        this.whitelists = whitelists.toArray(new Whitelist[0]);
        this.rules = rules.toArray(new Rule[0]);
        this.bucket = bucket;
    }

    public boolean hits(AttributeSource attrs) {
        if (!enabled) {
            return false;
        }
        for (Whitelist w : whitelists) {
            if (w.contains(attrs)) {
                return true;
            }
        }
        if (fullGray) {
            return true;
        }
        return rulesMatch(attrs) && (bucket == null || bucket.hits(attrs));
    }

    /**
     * True when the request is in the population the bucket draws from: any rule matches; without rules, every
     * request when there is a bucket and none when there is not (whitelist, fullGray and enabled are ignored).
     */
    public boolean rulesMatch(AttributeSource attrs) {
        if (rules.length == 0) {
            return bucket != null;
        }
        for (Rule r : rules) {
            if (r.matches(attrs)) {
                return true;
            }
        }
        return false;
    }

    public ToggleResult explain(AttributeSource attrs) {
        if (!enabled) {
            return new ToggleResult(name, HitReason.DISABLED, -1, -1, "the toggle is disabled");
        }
        for (Whitelist w : whitelists) {
            if (w.contains(attrs)) {
                return new ToggleResult(name, HitReason.WHITELIST, -1, -1,
                        w.subject() + "=\"" + attrs.get(w.subject()) + "\" is whitelisted");
            }
        }
        if (fullGray) {
            return new ToggleResult(name, HitReason.FULL_GRAY, -1, -1, "the toggle is fully gray");
        }
        int matched = -1;
        StringBuilder why = new StringBuilder();
        if (rules.length == 0 && bucket == null) {
            return new ToggleResult(name, HitReason.NO_RULES, -1, -1,
                    "not whitelisted; no rules and no bucket, so only the whitelist hits (fullGray puts everyone in)");
        }
        if (rules.length == 0) {
            why.append("no rules (the bucket draws from every request)");
        } else {
            for (int i = 0; i < rules.length && matched < 0; i++) {
                int failing = rules[i].firstFailing(attrs);
                if (failing < 0) {
                    matched = i;
                    why.setLength(0);
                    why.append("rules[").append(i).append("] matched: ");
                    List<Condition> cs = rules[i].conditions();
                    for (int k = 0; k < cs.size(); k++) {
                        if (k > 0) {
                            why.append(" AND ");
                        }
                        Condition c = cs.get(k);
                        why.append(c).append(" (").append(c.subject()).append('=').append(quote(attrs.get(c.subject())))
                                .append(')');
                    }
                    if (cs.isEmpty()) {
                        why.append("(no conditions)");
                    }
                } else {
                    Condition c = rules[i].conditions().get(failing);
                    if (why.length() > 0) {
                        why.append("; ");
                    }
                    why.append("rules[").append(i).append("].conditions[").append(failing).append("] failed: ")
                            .append(c).append(" (").append(c.subject()).append('=').append(quote(attrs.get(c.subject())))
                            .append(')');
                }
            }
            if (matched < 0) {
                return new ToggleResult(name, HitReason.NO_RULE_MATCHED, -1, -1, why.toString());
            }
        }
        if (bucket == null) {
            return new ToggleResult(name, HitReason.MATCHED, matched, -1, why.append("; no bucket").toString());
        }
        BucketHasher h = bucket.hasher();
        if (bucket.rate() >= BucketHasher.BUCKETS) {
            return new ToggleResult(name, HitReason.MATCHED, matched, -1, why.append("; rate 10000 (everyone)").toString());
        }
        if (bucket.rate() <= 0) {
            return new ToggleResult(name, HitReason.BUCKET_MISS, matched, -1, why.append("; rate 0 (nobody)").toString());
        }
        int b = h.bucketOf(attrs);
        if (b < 0) {
            return new ToggleResult(name, HitReason.NO_BUCKET_KEY, matched, -1,
                    why.append("; bucket key ").append(h.key()).append(" is absent or empty").toString());
        }
        why.append("; bucket ").append(b).append(b < bucket.rate() ? " < " : " >= ").append("rate ")
                .append(bucket.rate()).append(" (key ").append(h.key()).append('=').append(quote(attrs.get(h.key())));
        if (h.mode() == HashMode.MURMUR3) {
            why.append(", salt ").append(quote(h.salt()));
        } else {
            why.append(", hash ").append(h.mode());
        }
        why.append(')');
        return new ToggleResult(name, b < bucket.rate() ? HitReason.MATCHED : HitReason.BUCKET_MISS, matched, b,
                why.toString());
    }

    private static String quote(String s) {
        return s == null ? "<absent>" : "\"" + s + "\"";
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean fullGray() {
        return fullGray;
    }

    public List<Whitelist> whitelists() {
        return Collections.unmodifiableList(Arrays.asList(whitelists));
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(Arrays.asList(rules));
    }

    /** The percentage gate, or null when there is none. */
    public Bucket bucket() {
        return bucket;
    }
}
