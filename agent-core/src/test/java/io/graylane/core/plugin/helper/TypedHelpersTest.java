package io.graylane.core.plugin.helper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin runtime's typed helpers, with real class loaders: a "framework" in two versions (each in its own
 * application loader), helpers compiled against each version (served by a plugin loader that cannot see the
 * framework), chosen by witness classes.
 */
class TypedHelpersTest {
    @TempDir
    static Path dir;
    static ClassLoader v1App;
    static ClassLoader v1AppTwin;
    static ClassLoader v2App;
    static ClassLoader v3App;
    static ClassLoader plugin;

    @BeforeAll
    static void compile() throws Exception {
        // framework v1 and v2: same class, greet() returns different things; v2 adds a class that is its witness
        Path fw1 = compile("fw1", null, "fw.Greeter", "package fw; public class Greeter { public String greet() { return \"v1\"; } }");
        Path fw2 = compile("fw2", null, "fw.Greeter", "package fw; public class Greeter { public String greet() { return \"v2\"; } }",
                "fw.V2Only", "package fw; public class V2Only { }");
        Path fw3 = compile("fw3", null, "fw.Other", "package fw; public class Other { }");
        // helpers, compiled against v1 (their shared code only uses what both versions have)
        Path helpers = compile("helpers", fw1.toString(),
                "io.graylane.testhelper.h.GreeterHelper",
                "package io.graylane.testhelper.h; public class GreeterHelper implements java.util.function.Function<Object, String> {"
                        + " public String apply(Object o) { return ((fw.Greeter) o).greet() + \"/\" + getClass().getClassLoader().getClass().getSimpleName()"
                        + " + \"/\" + io.graylane.core.plugin.helper.HelperVersion.class.getClassLoader().getClass().getSimpleName(); } }",
                "io.graylane.testhelper.h.V2Helper",
                "package io.graylane.testhelper.h; public class V2Helper extends GreeterHelper {"
                        + " public String apply(Object o) { return \"2:\" + super.apply(o); } }",
                "io.graylane.testhelper.h.Peeker",
                "package io.graylane.testhelper.h; public class Peeker implements java.util.function.Function<Object, String> {"
                        + " public String apply(Object name) { try { Class.forName((String) name, false, getClass().getClassLoader()); return \"visible\"; }"
                        + " catch (ClassNotFoundException e) { return \"invisible\"; } } }");
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        v1App = new URLClassLoader("app-v1", new URL[] {fw1.toUri().toURL()}, platform);
        v1AppTwin = new URLClassLoader("app-v1-twin", new URL[] {fw1.toUri().toURL()}, platform);
        v2App = new URLClassLoader("app-v2", new URL[] {fw2.toUri().toURL()}, platform);
        v3App = new URLClassLoader("app-v3", new URL[] {fw3.toUri().toURL()}, platform);
        // the plugin loader: graylane's classes (this test's class path) and the helpers' class files, no framework
        plugin = new URLClassLoader("plugin", new URL[] {helpers.toUri().toURL()}, TypedHelpersTest.class.getClassLoader());
    }

    private static Path compile(String name, String classPath, String... classAndSource) throws Exception {
        Path src = Files.createDirectories(dir.resolve(name + "-src"));
        Path out = Files.createDirectories(dir.resolve(name));
        String[] files = new String[classAndSource.length / 2];
        for (int i = 0; i < classAndSource.length; i += 2) {
            Path f = src.resolve(classAndSource[i].replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.write(f, classAndSource[i + 1].getBytes(StandardCharsets.UTF_8));
            files[i / 2] = f.toString();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("java.class.path") + (classPath == null ? "" : java.io.File.pathSeparator + classPath);
        String[] args = new String[files.length + 4];
        args[0] = "-d";
        args[1] = out.toString();
        args[2] = "-cp";
        args[3] = cp;
        System.arraycopy(files, 0, args, 4, files.length);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args);
        assertEquals(0, rc, err.toString());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static TypedHelpers<Function<Object, String>> helpers() {
        return new TypedHelpers<Function<Object, String>>("test", plugin, (Class) Function.class, "fw.Greeter",
                Collections.singletonList("io.graylane.testhelper.h."),
                HelperVersion.of("fw 2", "io.graylane.testhelper.h.V2Helper", "fw.Greeter", "fw.V2Only"),
                HelperVersion.of("fw 1", "io.graylane.testhelper.h.GreeterHelper", "fw.Greeter"));
    }

    private static Object greeter(ClassLoader app) throws Exception {
        return Class.forName("fw.Greeter", true, app).getConstructor().newInstance();
    }

    @Test
    void aHelperIsDefinedPerApplicationLoaderAndCallsTheFrameworkTyped() throws Exception {
        TypedHelpers<Function<Object, String>> h = helpers();
        Function<Object, String> one = h.forObject(greeter(v1App));
        Function<Object, String> twin = h.forObject(greeter(v1AppTwin));
        assertNotNull(one);
        assertNotSame(one, twin, "two application loaders must get two helper instances");
        assertNotSame(one.getClass(), twin.getClass(), "and two helper classes (one per loader)");
        assertSame(one, h.forObject(greeter(v1App)), "the same loader keeps its helper");
        // typed call into the framework of that loader; graylane's own types come from the plugin's loader
        assertEquals("v1/HelperClassLoader/AppClassLoader", one.apply(greeter(v1App)));
    }

    @Test
    void witnessClassesChooseTheVersionSpecificHelper() throws Exception {
        TypedHelpers<Function<Object, String>> h = helpers();
        assertEquals("fw 2", h.versionFor(v2App).label());
        assertEquals("fw 1", h.versionFor(v1App).label());
        assertEquals("2:v2/HelperClassLoader/AppClassLoader", h.forObject(greeter(v2App)).apply(greeter(v2App)));
    }

    @Test
    void aLoaderWithoutASupportedVersionGetsNoHelper() throws Exception {
        TypedHelpers<Function<Object, String>> h = helpers();
        Object other = Class.forName("fw.Other", true, v3App).getConstructor().newInstance();
        assertNull(h.versionFor(v3App));
        assertNull(h.forObject(other), "fw.Other's loader has no fw.Greeter: left alone");
        assertNull(h.forSubtype(other));
        assertNull(h.forSubtype("a JDK object"));
    }

    @Test
    void helpersSeeTheFrameworkAndGraylaneButNothingElseOfThePluginLoader() throws Exception {
        @SuppressWarnings("unchecked")
        TypedHelpers<Function<Object, String>> h = new TypedHelpers<Function<Object, String>>("test", plugin,
                (Class) Function.class, "fw.Greeter", Collections.singletonList("io.graylane.testhelper.h."),
                HelperVersion.of("peek", "io.graylane.testhelper.h.Peeker", "fw.Greeter"));
        Function<Object, String> peek = h.forObject(greeter(v1App));
        assertEquals("visible", peek.apply("fw.Greeter"));
        assertEquals("visible", peek.apply("io.graylane.core.plugin.helper.HelperVersion"));
        assertEquals("visible", peek.apply("java.sql.Connection"));
        // on the plugin loader's class path (the test class path), but neither graylane's nor the framework's
        assertTrue(Class.forName("org.junit.jupiter.api.Test", false, plugin) != null);
        assertEquals("invisible", peek.apply("org.junit.jupiter.api.Test"));
    }
}
