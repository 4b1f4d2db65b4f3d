package io.graylane.rules.source;

import io.graylane.rules.RuleHolder;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Chooses and builds the rule source from flat settings (system properties, agent arguments):
 *
 * <pre>
 * graylane.rules.nacos.serverAddr   127.0.0.1:8848  (set → Nacos; otherwise the local file)
 * graylane.rules.nacos.namespace    (default: public)
 * graylane.rules.nacos.group        DEFAULT_GROUP
 * graylane.rules.nacos.dataId       graylane-rules.json
 * graylane.rules.nacos.username / .password / .accessKey / .secretKey
 * graylane.rules.nacos.initialWaitMillis  3000
 * graylane.rules.cache              ${user.home}/.graylane/rules-cache/&lt;namespace&gt;_&lt;group&gt;_&lt;dataId&gt;
 * graylane.rules.file               graylane-rules.json
 * graylane.rules.file.pollMillis    1000
 * graylane.rules.maxBytes           1048576 (larger documents are refused before they are read or parsed)
 * </pre>
 *
 * NacosRuleSource is loaded reflectively, so without Nacos settings nacos-client is never touched.
 */
public final class RuleSources {
    public static final String PREFIX = "graylane.rules.";
    /**
     * Largest rule document accepted by default (1 MiB). A compiled document keeps about six times its size in heap
     * (measured: 1 MiB of whitelist values, 6.1 MB), more while it is parsed, and a new one is compiled while the old
     * one is still in force; the rules engine's own limit is
     * {@link io.graylane.rules.RuleDocuments#MAX_CHARS} characters.
     */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

    private RuleSources() {
    }

    /** Builds (does not start) the configured source. Never throws; never returns null. */
    public static RuleSource create(Map<String, String> config, RuleHolder holder) {
        long maxBytes = getLong(config, "maxBytes", DEFAULT_MAX_BYTES, holder);
        if (maxBytes <= 0) {
            holder.log().warn(PREFIX + "maxBytes=" + maxBytes + " is not positive; using " + DEFAULT_MAX_BYTES);
            maxBytes = DEFAULT_MAX_BYTES;
        }
        String serverAddr = get(config, "nacos.serverAddr", null);
        if (serverAddr != null && !serverAddr.trim().isEmpty()) {
            NacosSettings s = new NacosSettings();
            s.serverAddr = serverAddr.trim();
            s.namespace = get(config, "nacos.namespace", null);
            s.group = get(config, "nacos.group", s.group);
            s.dataId = get(config, "nacos.dataId", s.dataId);
            s.username = get(config, "nacos.username", null);
            s.password = get(config, "nacos.password", null);
            s.accessKey = get(config, "nacos.accessKey", null);
            s.secretKey = get(config, "nacos.secretKey", null);
            s.initialWaitMillis = getLong(config, "nacos.initialWaitMillis", s.initialWaitMillis, holder);
            s.maxBytes = maxBytes;
            String defaultCache = Paths.get(System.getProperty("user.home", "."), ".graylane", "rules-cache",
                    safe(s.namespace == null ? "public" : s.namespace) + "_" + safe(s.group) + "_" + safe(s.dataId)).toString();
            LastGoodCache cache = new LastGoodCache(Paths.get(get(config, "cache", defaultCache)), holder.log());
            try {
                // derived from this class's name so that it survives relocation (shading) of the package
                String name = RuleSources.class.getName().replace("RuleSources", "NacosRuleSource");
                Class<?> c = Class.forName(name, true, RuleSources.class.getClassLoader());
                Constructor<?> k = c.getConstructor(NacosSettings.class, RuleHolder.class, LastGoodCache.class);
                return (RuleSource) k.newInstance(s, holder, cache);
            } catch (Throwable e) { // nacos-client missing (NoClassDefFoundError) or unusable
                holder.log().warn("Nacos rule source unavailable (" + e + "); using the last good cache " + cache.file()
                        + " only");
                return new CacheOnlyRuleSource(cache, holder);
            }
        }
        Path file = Paths.get(get(config, "file", "graylane-rules.json"));
        return new LocalFileRuleSource(file, holder, getLong(config, "file.pollMillis", 1000, holder), maxBytes);
    }

    private static String get(Map<String, String> config, String key, String def) {
        String v = config.get(PREFIX + key);
        return v == null ? def : v;
    }

    private static long getLong(Map<String, String> config, String key, long def, RuleHolder holder) {
        String v = get(config, key, null);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            holder.log().warn(PREFIX + key + "=\"" + v + "\" is not a number; using " + def);
            return def;
        }
    }

    /** The holder's last rejection problems on one line (for {@link SourceHealth#rejected}). */
    static String problems(RuleHolder holder) {
        StringBuilder sb = new StringBuilder();
        for (String p : holder.lastProblems()) {
            sb.append(sb.length() == 0 ? "" : " | ").append(p);
        }
        return sb.toString();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Applies the cached document only (when Nacos is configured but its client is unavailable). */
    static final class CacheOnlyRuleSource implements RuleSource {
        private final LastGoodCache cache;
        private final RuleHolder holder;
        private final SourceHealth health;

        CacheOnlyRuleSource(LastGoodCache cache, RuleHolder holder) {
            this.cache = cache;
            this.holder = holder;
            this.health = new SourceHealth("cache:" + cache.file(), holder);
        }

        @Override
        public SourceHealth health() {
            return health;
        }

        @Override
        public void start() {
            String text = cache.load();
            if (text != null) {
                holder.update(text, "cache:" + cache.file());
            }
            health.failure("the Nacos client is not available; only the cached document can be used");
        }

        @Override
        public void close() {
        }

        @Override
        public String describe() {
            return "cache:" + cache.file();
        }
    }
}
