package io.graylane.rules;

import io.graylane.rules.model.ConfigValues;
import io.graylane.rules.model.JobLanes;
import io.graylane.rules.model.Lane;
import io.graylane.rules.model.Scene;
import io.graylane.rules.model.Toggle;
import io.graylane.rules.model.ToggleResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled, immutable rule document: lanes in priority order and scenes by name. Get one from
 * {@link RuleDocuments#parse(String)}. The decision methods allocate nothing (except in REGEX
 * conditions) and are safe to call from any thread.
 */
public final class RuleDocument {
    /** No lanes, no scenes: every request is baseline. */
    public static final RuleDocument EMPTY = new RuleDocument("", null, Collections.<Lane>emptyList(),
            Collections.<String, Scene>emptyMap(), "{\"version\":\"\"}");

    private final String version;
    private final String application;
    private final Lane[] lanes;
    private final Map<String, Scene> scenes;
    private final JobLanes jobs;
    private final String text;
    private final List<String> warnings;

    RuleDocument(String version, String application, List<Lane> lanes, Map<String, Scene> scenes, String text) {
        this(version, application, lanes, scenes, JobLanes.NONE, text, Collections.<String>emptyList());
    }

    RuleDocument(String version, String application, List<Lane> lanes, Map<String, Scene> scenes, JobLanes jobs,
                 String text, List<String> warnings) {
        this.jobs = jobs;
        this.warnings = warnings;
        this.version = version;
        this.application = application;
        this.lanes = lanes.toArray(new Lane[0]);
        this.scenes = Collections.unmodifiableMap(new LinkedHashMap<>(scenes));
        this.text = text;
    }

    /** The first lane (in ascending priority) whose toggle hits, or null for baseline. */
    public String decideLane(AttributeSource attrs) {
        for (Lane l : lanes) {
            if (l.toggle().hits(attrs)) {
                return l.name();
            }
        }
        return null;
    }

    /** Like {@link #decideLane} but says why (allocates; for the CLI and diagnostics). */
    public LaneDecision explainLane(AttributeSource attrs) {
        List<ToggleResult> tried = new ArrayList<>();
        for (Lane l : lanes) {
            ToggleResult r = l.toggle().explain(attrs);
            tried.add(r);
            if (r.hit()) {
                return new LaneDecision(l.name(), Collections.unmodifiableList(tried));
            }
        }
        return new LaneDecision(null, Collections.unmodifiableList(tried));
    }

    /** Does the scene's toggle hit? An unknown scene never hits. */
    public boolean hitGray(String scene, AttributeSource attrs) {
        Scene s = scenes.get(scene);
        return s != null && s.toggle().hits(attrs);
    }

    /**
     * The experiment group of the request in a scene: null unless the scene exists, has an experiment
     * and its toggle hits; then the group whose bucket range holds the request's experiment bucket
     * (null when the key is absent or the bucket is in no group).
     */
    public String experimentGroup(String scene, AttributeSource attrs) {
        Scene s = scenes.get(scene);
        if (s == null || s.experiment() == null || !s.toggle().hits(attrs)) {
            return null;
        }
        return s.experiment().group(attrs);
    }

    /** A scene's configuration values ({@link ConfigValues#EMPTY} for an unknown scene). */
    public ConfigValues config(String scene) {
        Scene s = scenes.get(scene);
        return s == null ? ConfigValues.EMPTY : s.config();
    }

    /** The {@code jobs} section: the lanes scheduled (cron/repeat) jobs run in; empty when absent. */
    public JobLanes jobs() {
        return jobs;
    }

    public String version() {
        return version;
    }

    /** The optional application (group) name the document is for, or null. */
    public String application() {
        return application;
    }

    public List<Lane> lanes() {
        return Collections.unmodifiableList(Arrays.asList(lanes));
    }

    public Lane lane(String name) {
        for (Lane l : lanes) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    public Map<String, Scene> scenes() {
        return scenes;
    }

    public Scene scene(String name) {
        return scenes.get(name);
    }

    public Toggle sceneToggle(String name) {
        Scene s = scenes.get(name);
        return s == null ? null : s.toggle();
    }

    /**
     * What is legal but probably not meant, each "path: message" (a lane every request hits, a SEGMENT member
     * compared as text because it is no number, range, IP or CIDR); empty for most documents.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** The JSON text the document was compiled from. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "RuleDocument{version=" + version + ", lanes=" + lanes.length + ", scenes=" + scenes.keySet() + "}";
    }
}
