package io.graylane.rules;

import io.graylane.rules.sdk.GrayService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK in the application's class loader follows the agent's live rules through the bootstrap
 * class {@code io.graylane.bootstrap.RulesBridge}. A stand-in with the same shape is compiled here
 * and put on the boot class path of a child JVM, as the agent does.
 */
class AgentBridgeTest {
    static final String FAKE_BRIDGE = "package io.graylane.bootstrap;\n"
            + "public final class RulesBridge {\n"
            + "  private static volatile Published current;\n"
            + "  public static void publish(String json, String version, String origin) {\n"
            + "    Published p = current; current = new Published(json, origin, p == null ? 1 : p.generation + 1); }\n"
            + "  public static Published current() { return current; }\n"
            + "  public static long generation() { Published p = current; return p == null ? 0 : p.generation; }\n"
            + "  public static final class Published {\n"
            + "    final String json; final String origin; final long generation;\n"
            + "    Published(String j, String o, long g) { json = j; origin = o; generation = g; }\n"
            + "    public String json() { return json; }\n"
            + "    public String origin() { return origin; }\n"
            + "    public long generation() { return generation; }\n"
            + "  }\n"
            + "}\n";

    @TempDir
    Path dir;

    /** Runs in the child JVM. */
    public static void main(String[] args) throws Exception {
        Class<?> bridge = Class.forName("io.graylane.bootstrap.RulesBridge", true, null);
        Method publish = bridge.getMethod("publish", String.class, String.class, String.class);
        GrayService sdk = GrayService.global();
        check(!sdk.hitGray("s", Collections.<String, Object>emptyMap()), "nothing published yet");
        publish.invoke(null, doc("1", true), "1", "test");
        check(sdk.hitGray("s", Collections.<String, Object>emptyMap()), "generation 1 is followed");
        check(GrayService.globalDocument() == GrayService.globalDocument(), "no recompilation without a change");
        publish.invoke(null, doc("2", false), "2", "test");
        check(!sdk.hitGray("s", Collections.<String, Object>emptyMap()), "generation 2 is followed");
        check("2".equals(GrayService.globalDocument().version()), "version 2");
        RuleHolder own = new RuleHolder();
        own.setLog(RuleLog.SILENT);
        own.update(doc("own", true), "test");
        GrayService.bindGlobal(own);
        check(sdk.hitGray("s", Collections.<String, Object>emptyMap()), "an explicitly bound holder wins");
        System.out.println("BRIDGE-OK");
    }

    static String doc(String version, boolean fullGray) {
        return "{\"version\":\"" + version + "\",\"scenes\":{\"s\":{\"fullGray\":" + fullGray + ",\"rules\":[{\"conditions\":"
                + "[{\"type\":\"STRING\",\"subject\":\"never\",\"predicate\":\"EQ\",\"objects\":[\"x\"]}]}]}}}";
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("BRIDGE-FAIL " + what);
            System.exit(1);
        }
    }

    @Test
    void sdkFollowsTheAgentBridge() throws Exception {
        Path src = dir.resolve("src/io/graylane/bootstrap/RulesBridge.java");
        Files.createDirectories(src.getParent());
        Files.write(src, FAKE_BRIDGE.getBytes(StandardCharsets.UTF_8));
        Path boot = dir.resolve("boot");
        Files.createDirectories(boot);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", boot.toString(), src.toString()));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(Arrays.asList(java, "-Xbootclasspath/a:" + boot,
                "-cp", System.getProperty("java.class.path"), AgentBridgeTest.class.getName()))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("BRIDGE-OK"), out);
    }

    @Test
    void withoutTheAgentTheDefaultHolderIsUsed() {
        GrayService.unbindGlobal();
        assertTrue(GrayService.globalDocument() == GrayService.globalHolder().current());
        assertFalse(GrayService.global().hitGray("s", Collections.<String, Object>emptyMap()));
    }
}
