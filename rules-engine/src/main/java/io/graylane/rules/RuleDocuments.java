package io.graylane.rules;

import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonException;
import io.graylane.rules.model.Toggle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
        Map<String, Object> m = c.fields.object(tree, "$");
        Toggle t = null;
        if (m != null) {
            c.fields.knownKeys(m, "$", Compiler.TOGGLE_KEYS);
            t = c.toggle(name, m, "$");
        }
        c.problems.throwIfAny();
        return t;
    }

    static String read(Path file) throws RuleValidationException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new RuleValidationException(Collections.singletonList(
                    "$: cannot read " + file + ": " + e));
        }
        return utf8(bytes, String.valueOf(file));
    }

    /**
     * Decodes a rule document's bytes as UTF-8, strictly: bytes that are not UTF-8 (a file saved as Latin-1 or GBK)
     * are a problem naming the first bad byte, never replaced with U+FFFD (a replaced {@code josé} matches nobody).
     *
     * @param what names the bytes in the message, e.g. the file
     */
    public static String utf8(byte[] bytes, String what) throws RuleValidationException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new RuleValidationException(Collections.singletonList("$: " + what + " is not valid UTF-8 (byte 0x"
                    + String.format("%02x", bytes[at] & 0xff) + " at offset " + at + ", line " + line
                    + "); save the rule document as UTF-8"));
        }
        out.flip();
        return out.toString();
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
