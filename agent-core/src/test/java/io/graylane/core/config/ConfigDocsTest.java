package io.graylane.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/configuration.md must name every key the agent knows, so that the reference stays true. */
class ConfigDocsTest {
    @Test
    void everyKeyIsDocumented() throws Exception {
        Path doc = Paths.get("..", "docs", "configuration.md");
        String text = Files.readString(doc);
        List<String> missing = new ArrayList<>();
        for (ConfigKey k : ConfigKeys.all()) {
            String name = k.name();
            String shortForm = name.substring(name.lastIndexOf('.') + 1);
            if (!text.contains("`" + name + "`") && !text.contains("/ `." + shortForm + "`")) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "keys missing from " + doc.toAbsolutePath() + ": " + missing);
    }
}
