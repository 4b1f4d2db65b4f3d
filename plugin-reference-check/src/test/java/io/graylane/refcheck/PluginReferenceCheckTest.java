package io.graylane.refcheck;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11's reference check: every framework reference in every plugin class resolves in the oldest and newest
 * supported framework versions (restricted only by the {@link VersionScope} table). Prints, per plugin, the framework
 * references it found, so the report shows what was checked.
 */
class PluginReferenceCheckTest {
    private static List<PluginClasses> plugins;
    private static ReferenceCheck check;

    @BeforeAll
    static void scan() throws IOException {
        plugins = PluginClasses.onTestClassPath();
        check = new ReferenceCheck(ReferenceCheck.REF_DIR);
    }

    @AfterAll
    static void close() {
        check.close();
    }

    @Test
    void everyPluginModuleIsOnTheTestClassPath() {
        Set<String> names = new TreeSet<>();
        for (PluginClasses p : plugins) {
            names.add(p.plugin());
            assertTrue(p.classFiles().size() > 1, p.plugin() + " has no classes");
        }
        assertEquals(Set.of("plugin-dubbo", "plugin-http-clients", "plugin-lts", "plugin-nacos-naming",
                "plugin-rocketmq", "plugin-rocketmq-client4", "plugin-servlet", "plugin-spring-cloud"), names);
    }

    @Test
    void everyFrameworkVersionHasItsClassFiles() {
        List<String> missing = new ArrayList<>();
        for (Framework f : Framework.ALL) {
            for (String v : f.versions()) {
                if (check.classPath(f, v).find(f.anchor()) == null) {
                    missing.add(f.anchor() + " not found in " + f.name() + " " + v);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyFrameworkReferenceOfEveryPluginResolvesInItsSupportedVersions() {
        List<String> problems = new ArrayList<>();
        for (PluginClasses p : plugins) {
            Map<String, Set<String>> perFramework = new TreeMap<>();
            int classes = 0;
            for (byte[] classFile : p.classFiles()) {
                ReferenceCollector.Collected c = ReferenceCollector.collect(classFile);
                classes++;
                for (Reference r : c.references()) {
                    perFramework.computeIfAbsent(Framework.owning(r.owner()).name(), k -> new TreeSet<>())
                            .add(r.kind() + " " + r);
                }
                for (String t : c.namedTypes()) {
                    perFramework.computeIfAbsent(Framework.owning(t).name(), k -> new TreeSet<>())
                            .add("NAMED " + t.replace('/', '.'));
                }
                problems.addAll(check.check(c));
            }
            System.out.println(p.plugin() + ": " + classes + " classes");
            perFramework.forEach((f, refs) -> {
                System.out.println("  " + f + ": " + refs.size() + " references (NAMED: a type named in a string)");
                refs.forEach(r -> System.out.println("    " + r));
            });
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " framework reference(s) do not link:\n" + String.join("\n", problems));
        }
    }

    @Test
    void everyFrameworkTypeNamedInAStringExistsInSomeSupportedVersion() {
        List<String> problems = new ArrayList<>();
        for (PluginClasses p : plugins) {
            for (byte[] classFile : p.classFiles()) {
                ReferenceCollector.Collected c = ReferenceCollector.collect(classFile);
                for (String type : c.namedTypes()) {
                    Framework f = Framework.owning(type);
                    if (f.versions().stream().noneMatch(v -> check.classPath(f, v).find(type) != null)) {
                        problems.add(c.className() + " -> \"" + type.replace('/', '.') + "\" (a type named in a string)"
                                + " missing in every checked " + f.name() + " version " + f.versions());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyVersionScopeEntryIsCurrentAndItsWitnessExistsInExactlyTheAllowedVersions() {
        Set<String> classNames = new TreeSet<>();
        for (PluginClasses p : plugins) {
            for (byte[] classFile : p.classFiles()) {
                classNames.add(ReferenceCollector.collect(classFile).className());
            }
        }
        List<String> problems = new ArrayList<>();
        for (VersionScope s : VersionScope.TABLE) {
            if (s.namesOneClass() && !classNames.contains(s.matches())) {
                problems.add("version scope entry for " + s.matches() + ": no plugin has this class any more");
            }
            if (s.witness() == null) {
                continue;
            }
            Framework f = Framework.named(s.framework());
            for (String v : f.versions()) {
                boolean present = check.classPath(f, v).find(s.witness()) != null;
                if (present != s.versions().test(v)) {
                    problems.add("version scope entry for " + s.matches() + ": " + s.witness() + " is "
                            + (present ? "present" : "absent") + " in " + f.name() + " " + v
                            + ", but the entry " + (present ? "excludes" : "allows") + " that version");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }
}
