package io.graylane.rules;

import io.graylane.rules.json.Json;
import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.HashMode;

import java.util.Arrays;
import java.util.Map;

/** Compiles the hashing part shared by a bucket and an experiment: {@code key}, {@code salt}, {@code hash}. */
final class HasherCompiler {
    private final Fields fields;
    private final Problems problems;

    HasherCompiler(Fields fields) {
        this.fields = fields;
        this.problems = fields.problems;
    }

    BucketHasher hasher(String owner, Map<String, Object> m, String path, String defaultSaltSuffix) {
        String key = fields.reqString(m, "key", path + ".key", "the name of the attribute to bucket on, e.g. \"userId\"");
        HashMode mode = HashMode.MURMUR3;
        if (m.containsKey("hash")) {
            Object hv = m.get("hash");
            mode = hv instanceof String ? fields.enumValue(HashMode.class, (String) hv) : null;
            if (mode == null) {
                problems.add(path + ".hash", Json.describe(hv) + " is not a hash (expected one of "
                        + Arrays.toString(HashMode.values()) + ")");
                return null;
            }
        }
        String salt = fields.optString(m, "salt", path + ".salt");
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
}
