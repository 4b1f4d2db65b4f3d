package io.graylane.rules;

import io.graylane.rules.json.Json;
import io.graylane.rules.json.JsonNumber;
import io.graylane.rules.model.ToggleResult;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every file in src/test/resources/golden: a "document" with "cases" (attributes → expected lane,
 * per-lane reasons, buckets, scene hits, experiment groups), and/or "invalid" documents with the exact
 * problems expected.
 */
class GoldenTest {

    @TestFactory
    Stream<DynamicNode> golden() throws IOException, URISyntaxException {
        Path dir = Paths.get(GoldenTest.class.getResource("/golden").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "no golden files");
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path f : files) {
            nodes.add(DynamicContainer.dynamicContainer(f.getFileName().toString(), cases(f)));
        }
        return nodes.stream();
    }

    @SuppressWarnings("unchecked")
    private static List<DynamicNode> cases(Path file) {
        Map<String, Object> spec;
        try {
            spec = (Map<String, Object>) Json.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("unreadable golden file " + file, e);
        }
        List<DynamicNode> out = new ArrayList<>();
        if (spec.containsKey("document")) {
            String text = Json.write(spec.get("document"));
            for (Object o : (List<Object>) spec.get("cases")) {
                Map<String, Object> c = (Map<String, Object>) o;
                out.add(DynamicTest.dynamicTest((String) c.get("name"), () -> runCase(text, c)));
            }
        }
        if (spec.containsKey("invalid")) {
            for (Object o : (List<Object>) spec.get("invalid")) {
                Map<String, Object> c = (Map<String, Object>) o;
                out.add(DynamicTest.dynamicTest("invalid: " + c.get("name"), () -> {
                    String text = c.containsKey("text") ? (String) c.get("text") : Json.write(c.get("document"));
                    RuleValidationException e = assertThrows(RuleValidationException.class, () -> RuleDocuments.parse(text));
                    assertEquals(c.get("problems"), e.problems());
                }));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void runCase(String text, Map<String, Object> c) throws RuleValidationException {
        RuleDocument doc = RuleDocuments.parse(text);
        Map<String, String> attrs = new HashMap<>();
        ((Map<String, Object>) c.get("attrs")).forEach((k, v) -> attrs.put(k, (String) v));
        AttributeSource a = Attributes.of(attrs);
        LaneDecision d = doc.explainLane(a);
        if (c.containsKey("lane")) {
            Object lane = c.get("lane");
            String expected = lane == Json.NULL ? null : (String) lane;
            assertEquals(expected, doc.decideLane(a), "decideLane");
            assertEquals(expected, d.lane(), "explainLane: " + d);
        } else {
            assertEquals(d.lane(), doc.decideLane(a), "decideLane and explainLane agree");
        }
        if (c.containsKey("reasons")) {
            Map<String, String> actual = new HashMap<>();
            for (ToggleResult r : d.tried()) {
                actual.put(r.toggle(), r.reason().name());
            }
            ((Map<String, Object>) c.get("reasons")).forEach((lane, reason) ->
                    assertEquals(reason, actual.get(lane), "reason for lane " + lane + ": " + d));
        }
        if (c.containsKey("buckets")) {
            Map<String, Integer> actual = new HashMap<>();
            for (String lane : ((Map<String, Object>) c.get("buckets")).keySet()) {
                assertNotNull(doc.lane(lane), "no lane " + lane);
                actual.put(lane, doc.lane(lane).toggle().explain(a).bucket());
            }
            ((Map<String, Object>) c.get("buckets")).forEach((lane, b) ->
                    assertEquals(Integer.parseInt(((JsonNumber) b).text()), actual.get(lane), "bucket of lane " + lane));
        }
        if (c.containsKey("scenes")) {
            ((Map<String, Object>) c.get("scenes")).forEach((scene, hit) -> {
                assertEquals(hit, doc.hitGray(scene, a), "hitGray " + scene);
                if (doc.sceneToggle(scene) != null) {
                    assertEquals(hit, doc.sceneToggle(scene).explain(a).hit(), "explain agrees for " + scene);
                }
            });
        }
        if (c.containsKey("groups")) {
            ((Map<String, Object>) c.get("groups")).forEach((scene, g) ->
                    assertEquals(g == Json.NULL ? null : g, doc.experimentGroup(scene, a), "group " + scene));
        }
    }
}
