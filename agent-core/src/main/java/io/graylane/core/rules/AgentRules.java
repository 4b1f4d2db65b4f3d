package io.graylane.core.rules;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.RulesBridge;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.AgentState;
import io.graylane.core.config.AgentConfig;
import io.graylane.core.config.ConfigKeys;
import io.graylane.core.logging.AgentLogger;
import io.graylane.rules.AttributeSource;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleHolder;
import io.graylane.rules.RuleListener;
import io.graylane.rules.RuleLog;
import io.graylane.rules.sdk.GrayService;
import io.graylane.rules.source.RuleSource;
import io.graylane.rules.source.RuleSources;
import io.graylane.rules.source.SourceHealth;

import java.io.File;
import java.util.function.LongSupplier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's live rules: one {@link RuleHolder} fed by the configured source (Nacos when
 * {@code graylane.rules.nacos.serverAddr} is set, else the watched local file). Plugins ask it which lane a request
 * belongs to; every applied document is also published on the bootstrap {@link RulesBridge} (for the SDK in the
 * application's class loader) and bound as the agent-side {@link GrayService#global()}.
 */
public final class AgentRules {
    private static final String DEFAULT_FILE = "graylane-rules.json";
    private static volatile AgentRules instance = new AgentRules(new RuleHolder(), null);

    private final RuleHolder holder;
    private final SourceHealth health;

    private AgentRules(RuleHolder holder, SourceHealth health) {
        this.holder = holder;
        this.health = health;
    }

    /** Never null: before the agent started, an instance with no rules (everything is baseline). */
    public static AgentRules get() {
        return instance;
    }

    public RuleHolder holder() {
        return holder;
    }

    /** The lane for these request attributes, or null for baseline. */
    public String decideLane(AttributeSource attributes) {
        return holder.decideLane(attributes);
    }

    public RuleDocument document() {
        return holder.current();
    }

    /** The lane names {@code document} declares (they become known lanes: cached snapshots, their own metric labels). */
    static java.util.List<String> laneNames(RuleDocument document) {
        java.util.List<String> names = new java.util.ArrayList<String>();
        for (io.graylane.rules.model.Lane lane : document.lanes()) {
            names.add(lane.name());
        }
        return names;
    }

    /** The rule source's health (for {@code /status}), or null when no rule source is configured. */
    public SourceHealth sourceHealth() {
        return health;
    }

    /**
     * Creates the holder and source from the {@code graylane.rules.*} configuration and starts the source on a daemon
     * thread, so that neither a slow Nacos nor its client's start-up is on the application's start-up path. Until the
     * first document arrives every request is baseline.
     */
    public static AgentRules start(AgentConfig config) {
        final RuleHolder holder = new RuleHolder();
        holder.setLog(new RuleLog() {
            @Override
            public void info(String message) {
                AgentLogger.info(message);
            }

            @Override
            public void warn(String message) {
                AgentLogger.warn(message);
            }
        });
        final Counter applied = MetricRegistry.counter("graylane_rules_applied_total", "rule documents applied");
        holder.addListener(new RuleListener() {
            @Override
            public void onRulesChanged(RuleDocument previous, RuleDocument current, String origin) {
                applied.inc();
                LaneNames.ruleLanes(laneNames(current));
                RulesBridge.publish(current.text(), current.version(), origin);
                AgentState state = AgentState.current();
                if (state != null) {
                    state.put("rulesVersion", String.valueOf(current.version()));
                    state.put("rulesOrigin", String.valueOf(origin));
                }
            }
        });
        GrayService.bindGlobal(holder);
        Map<String, String> settings = new LinkedHashMap<String, String>();
        for (String key : RulesConfigKeys.NAMES) {
            String v = config.get(key);
            if (v != null && !v.isEmpty()) {
                settings.put(key, v);
            }
        }
        if (!settings.containsKey(ConfigKeys.RULES_NACOS_SERVER_ADDR.name())
                && !settings.containsKey(ConfigKeys.RULES_FILE.name())
                && !new File(DEFAULT_FILE).isFile()) {
            AgentLogger.debug("no rule source configured (" + ConfigKeys.RULES_NACOS_SERVER_ADDR.name() + ", "
                    + ConfigKeys.RULES_FILE.name() + ") and no ./" + DEFAULT_FILE + ": every request is baseline");
            registerRejected(holder, null);
            instance = new AgentRules(holder, null);
            return instance;
        }
        final RuleSource source = RuleSources.create(settings, holder);
        final SourceHealth health = source.health();
        registerRejected(holder, health);
        MetricRegistry.gaugeFrom("graylane_rules_source_up",
                "1 while the rule source (Nacos or the rule file) can be read, else 0", new LongSupplier() {
                    @Override
                    public long getAsLong() {
                        return health.up() ? 1 : 0;
                    }
                });
        AgentRules rules = new AgentRules(holder, health);
        instance = rules;
        Thread starter = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    source.start();
                } catch (Throwable t) {
                    AgentLogger.error("rule source " + source.describe() + " failed to start; rules stay as they are", t);
                    health.failure("failed to start: " + t);
                }
            }
        }, "graylane-rules-start");
        starter.setDaemon(true);
        // the Nacos client finds its parts with ServiceLoader on the context class loader, and the threads it
        // creates inherit this one: it must be the agent's loader, not the application's
        starter.setContextClassLoader(AgentRules.class.getClassLoader());
        starter.start();
        AgentLogger.debug("rule source: " + source.describe());
        return rules;
    }

    /** Documents the holder rejected plus those the source refused before parsing (too large). */
    private static void registerRejected(final RuleHolder holder, final SourceHealth health) {
        MetricRegistry.counterFrom("graylane_rules_rejected_total",
                "rule documents rejected (the last good one stayed)", new LongSupplier() {
                    @Override
                    public long getAsLong() {
                        return holder.rejectedCount() + (health == null ? 0 : health.refusedCount());
                    }
                });
    }
}
