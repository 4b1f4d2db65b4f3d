package io.graylane.rules;

import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonException;
import io.graylane.rules.model.Toggle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Loads rule documents: parse, validate and compile in one step; all or nothing. */
public final class RuleDocuments {
    /** Documents larger than this are refused before parsing. */
    public static final int MAX_CHARS = 8 * 1024 * 1024;

    private RuleDocuments() {
    }

    /**
     * True when {@code name} may name a lane: 1-64 of {@code A-Z a-z 0-9 _ . -}, starting with a letter or digit. The
     * agent's {@code io.graylane.bootstrap.LaneNames} applies the same rule to every lane from the configuration and the
     * wire (this module runs without the agent, so it keeps its own copy; agent-core's LaneNameRuleTest holds them equal).
     */
    public static boolean isLaneName(String name) {
        return name != null && Compiler.LANE_NAME.matcher(name).matches();
    }

    /**
     * Parses and compiles a rule document.
     *
     * @throws RuleValidationException listing every problem by path; nothing else is ever thrown for bad input
     */
    public static RuleDocument parse(String json) throws RuleValidationException {
        Object tree = tree(json);
        Compiler c = new Compiler();
        RuleDocument doc;
        try {
            doc = c.document(tree, json);
        } catch (RuntimeException e) {
            // defensive: a compiler bug must still surface as a rejection, never escape into the host
            throw new RuleValidationException(Collections.singletonList("$: internal error while compiling: " + e));
        }
        c.problems.throwIfAny();
        return doc;
    }

    /** Reads a UTF-8 file and {@link #parse}s it; an unreadable file is reported as a problem too. */
    public static RuleDocument parse(Path file) throws RuleValidationException {
        return parse(read(file));
    }

    /** Compiles a standalone toggle object (the fields of a lane or scene) for {@code GrayService.hitGray(Toggle, ..)}. */
    public static Toggle parseToggle(String name, String json) throws RuleValidationException {
        Object tree = tree(json);
        Compiler c = new Compiler();
        Map<String, Object> m = c.object(tree, "$");
        Toggle t = null;
        if (m != null) {
            c.knownKeys(m, "$", Compiler.TOGGLE_KEYS);
            t = c.toggle(name, m, "$");
        }
        c.problems.throwIfAny();
        return t;
    }

    static String read(Path file) throws RuleValidationException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new RuleValidationException(Collections.singletonList(
                    "$: cannot read " + file + ": " + e));
        }
    }

    private static Object tree(String json) throws RuleValidationException {
        if (json == null) {
            throw new RuleValidationException(Collections.singletonList("$: no document (null)"));
        }
        if (json.length() > MAX_CHARS) {
            throw new RuleValidationException(Collections.singletonList(
                    "$: document of " + json.length() + " characters is larger than " + MAX_CHARS));
        }
        try {
            return Json.parse(json);
        } catch (JsonException e) {
            throw new RuleValidationException(Collections.singletonList("$: " + e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // defensive: the parser is not expected to throw anything else
            throw new RuleValidationException(Collections.singletonList("$: unreadable JSON: " + e));
        }
    }

    static List<String> noProblems() {
        return Collections.emptyList();
    }
}
