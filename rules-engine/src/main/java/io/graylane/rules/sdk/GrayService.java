package io.graylane.rules.sdk;

import io.graylane.rules.AttributeSource;
import io.graylane.rules.Attributes;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleHolder;
import io.graylane.rules.model.ConfigValues;
import io.graylane.rules.model.Toggle;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The business-code SDK: gray decisions, experiment groups and scene configuration over a
 * {@link RuleHolder}. Every call reads the document in force at that moment.
 *
 * <p>{@link #global()} resolves its rules at each call, in this order:
 * <ol>
 *   <li>a holder bound with {@link #bindGlobal(RuleHolder)} (the agent binds its live holder in its own
 *       class loader; an application without the agent may bind its own);</li>
 *   <li>with the agent attached, the agent's live document published on the bootstrap class
 *       {@code io.graylane.bootstrap.RulesBridge} (recompiled only when its generation changes);</li>
 *   <li>otherwise {@link #globalHolder()}, which starts empty (nothing hits, getters return defaults)
 *       and which the application may feed ({@code globalHolder().update(json, origin)} or a
 *       {@code RuleSources} source).</li>
 * </ol>
 */
public final class GrayService {
    private static final RuleHolder DEFAULT_HOLDER = new RuleHolder();
    private static volatile RuleHolder bound;
    private static final GrayService GLOBAL = new GrayService(null);

    private final RuleHolder holder; // null = the global holder, looked up at each call

    public GrayService(RuleHolder holder) {
        this.holder = holder;
    }

    /** A service over the process-wide holder (follows {@link #bindGlobal}). */
    public static GrayService global() {
        return GLOBAL;
    }

    /** Makes {@code holder} the process-wide holder (the agent calls this with its live holder). */
    public static void bindGlobal(RuleHolder holder) {
        if (holder == null) {
            throw new IllegalArgumentException("holder");
        }
        bound = holder;
    }

    /** Forgets a holder bound with {@link #bindGlobal} (tests, application shutdown). */
    public static void unbindGlobal() {
        bound = null;
    }

    /** The bound holder, else the process-wide default holder (not the agent bridge). */
    public static RuleHolder globalHolder() {
        RuleHolder b = bound;
        return b != null ? b : DEFAULT_HOLDER;
    }

    /** The document {@link #global()} uses right now. */
    public static RuleDocument globalDocument() {
        RuleHolder b = bound;
        if (b != null) {
            return b.current();
        }
        RuleDocument fromAgent = AgentBridge.document();
        return fromAgent != null ? fromAgent : DEFAULT_HOLDER.current();
    }

    private RuleDocument doc() {
        return holder != null ? holder.current() : globalDocument();
    }

    // ---------------------------------------------------------------- decisions

    public boolean hitGray(String sceneKey, Map<String, ?> attrs) {
        return doc().hitGray(sceneKey, Attributes.of(attrs));
    }

    public boolean hitGray(String sceneKey, AttributeSource attrs) {
        return doc().hitGray(sceneKey, attrs);
    }

    /** Evaluates a standalone toggle (see {@code RuleDocuments.parseToggle}). */
    public boolean hitGray(Toggle toggle, Map<String, ?> attrs) {
        return toggle != null && toggle.hits(Attributes.of(attrs));
    }

    public boolean hitGray(Toggle toggle, AttributeSource attrs) {
        return toggle != null && toggle.hits(attrs);
    }

    /** The experiment group of the request in the scene, or null (see {@link RuleDocument#experimentGroup}). */
    public String hitExperimentGroup(String sceneKey, Map<String, ?> attrs) {
        return doc().experimentGroup(sceneKey, Attributes.of(attrs));
    }

    public String hitExperimentGroup(String sceneKey, AttributeSource attrs) {
        return doc().experimentGroup(sceneKey, attrs);
    }

    /** The lane of a request (null = baseline). */
    public String lane(Map<String, ?> attrs) {
        return doc().decideLane(Attributes.of(attrs));
    }

    // ---------------------------------------------------------------- configuration

    /** All configuration values of a scene ({@code ConfigValues.EMPTY} for an unknown scene). */
    public ConfigValues config(String sceneKey) {
        return doc().config(sceneKey);
    }

    /** The scene's configuration as JSON text ("{}" when none). */
    public String getConfigValue(String sceneKey) {
        return config(sceneKey).json();
    }

    public String getStringValue(String sceneKey, String path, String defaultValue) {
        return config(sceneKey).getString(path, defaultValue);
    }

    public boolean getBooleanValue(String sceneKey, String path, boolean defaultValue) {
        return config(sceneKey).getBoolean(path, defaultValue);
    }

    public Integer getIntegerValue(String sceneKey, String path, Integer defaultValue) {
        return config(sceneKey).getInt(path, defaultValue);
    }

    public Long getLongValue(String sceneKey, String path, Long defaultValue) {
        return config(sceneKey).getLong(path, defaultValue);
    }

    public Double getDoubleValue(String sceneKey, String path, Double defaultValue) {
        return config(sceneKey).getDouble(path, defaultValue);
    }

    public BigDecimal getBigDecimalValue(String sceneKey, String path, BigDecimal defaultValue) {
        return config(sceneKey).getBigDecimal(path, defaultValue);
    }

    /** The number rounded HALF_UP to {@code scale} decimals, or null when absent. */
    public BigDecimal getBigDecimalValue(String sceneKey, String path, int scale) {
        return config(sceneKey).getBigDecimal(path, scale);
    }

    /** A JSON object as an unmodifiable map (numbers are BigDecimal), or the default. */
    public Map<String, Object> getObjectValue(String sceneKey, String path, Map<String, Object> defaultValue) {
        return config(sceneKey).getObject(path, defaultValue);
    }

    /** A JSON array as an unmodifiable list, or the default. */
    public List<Object> getArrayValue(String sceneKey, String path, List<Object> defaultValue) {
        return config(sceneKey).getArray(path, defaultValue);
    }
}
