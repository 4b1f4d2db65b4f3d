package io.graylane.rules;

import io.graylane.rules.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples in docs/rules.md stay valid, and the published schema is JSON. */
class DocsTest {
    private static final Path DOCS = Paths.get(System.getProperty("user.dir")).resolve("../docs");

    @Test
    void examplesInRulesMdAreValid() throws Exception {
        String md = new String(Files.readAllBytes(DOCS.resolve("rules.md")), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- rules-example -->\\s*```json\\n(.*?)```", Pattern.DOTALL).matcher(md);
        int n = 0;
        while (m.find()) {
            RuleDocument d = RuleDocuments.parse(m.group(1));
            n++;
            assertEquals("gray", d.decideLane(Attributes.of("userId", "u3", "region", "eu-west", "appVersion", "v2.10")));
            assertEquals("canary", d.decideLane(Attributes.of("clientIp", "10.8.1.20", "userId", "qa-001")));
            assertEquals("B", d.experimentGroup("newCheckout", Attributes.of("userId", "u3", "channel", "APP-ios")));
        }
        assertTrue(n >= 1, "no <!-- rules-example --> block in rules.md");
    }

    @Test
    void schemaIsJson() throws Exception {
        Object schema = Json.parse(new String(Files.readAllBytes(DOCS.resolve("rules.schema.json")), StandardCharsets.UTF_8));
        assertTrue(((Map<?, ?>) schema).containsKey("$defs"));
    }
}
