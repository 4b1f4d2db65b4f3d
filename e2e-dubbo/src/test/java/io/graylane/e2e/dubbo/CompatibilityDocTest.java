package io.graylane.e2e.dubbo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docs/compatibility.md's "tested" tables name exactly the versions of the version matrix in the root pom (passed
 * in by this module's pom): a version run by the build but missing from the doc, or claimed by the doc but not run,
 * fails.
 */
class CompatibilityDocTest {
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern JDK = Pattern.compile("JDK (\\d+)");
    private static final Pattern BOLD_VERSION = Pattern.compile("\\*\\*(\\d+\\.\\d+\\.\\d+)");

    @Test
    void dubboTableListsExactlyTheDubboVersionsTheBuildRuns() throws IOException {
        assertEquals(matrix("graylane.matrix.dubbo"), firstColumnVersions(section("## Dubbo")));
    }

    @Test
    void rocketMqTableListsExactlyTheClientVersionsTheBuildRuns() throws IOException {
        assertEquals(matrix("graylane.matrix.rocketmq"), firstColumnVersions(section("## RocketMQ")));
    }

    @Test
    void springBootRowsNameExactlyTheSpringBootVersionsTheBuildRuns() throws IOException {
        Set<String> listed = new TreeSet<>();
        for (String heading : List.of("## HTTP ingress (servlet)", "## Spring Cloud (HTTP load balancing)")) {
            section(heading).lines().filter(l -> l.startsWith("| Spring Boot")).forEach(row -> {
                Matcher m = BOLD_VERSION.matcher(row);
                if (!m.find()) {
                    throw new AssertionError("a Spring Boot row without a **version**: " + row);
                }
                listed.add(m.group(1));
            });
        }
        assertEquals(matrix("graylane.matrix.springboot"), listed);
    }

    @Test
    void javaTableListsExactlyTheJdksTheApplicationsRunOn() throws IOException {
        String runtimeRow = section("## Java").lines().filter(l -> l.startsWith("| Runtime of every application"))
                .findFirst().orElseThrow(() -> new AssertionError("no 'Runtime of every application' row"));
        Set<String> jdks = new TreeSet<>();
        Matcher m = JDK.matcher(runtimeRow.split("\\|")[2]);
        while (m.find()) {
            jdks.add(m.group(1));
        }
        assertEquals(matrix("graylane.matrix.jdk"), jdks, runtimeRow);
    }

    private static Set<String> matrix(String property) {
        String list = System.getProperty(property);
        if (list == null || list.isBlank()) {
            throw new AssertionError(property + " is not set (the e2e-dubbo* poms pass the root pom's version matrix)");
        }
        return Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The text from a "## " heading to the next one. */
    private static String section(String heading) throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("graylane.docs.compatibility",
                "../docs/compatibility.md")));
        List<String> lines = doc.lines().collect(Collectors.toList());
        int start = lines.indexOf(heading);
        assertFalse(start < 0, "no section '" + heading + "' in docs/compatibility.md");
        StringBuilder b = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            b.append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    /** Versions (x.y.z) in the first column of the section's table rows, header and separator rows aside. */
    private static Set<String> firstColumnVersions(String section) {
        Set<String> versions = new TreeSet<>();
        section.lines().filter(l -> l.startsWith("|") && !l.startsWith("| ---")).forEach(row -> {
            Matcher m = VERSION.matcher(row.split("\\|")[1]);
            while (m.find()) {
                versions.add(m.group());
            }
        });
        return versions;
    }
}
