package io.graylane.it.apps;

import io.graylane.rules.sdk.GrayService;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;

/**
 * Business code using the SDK from its own class path, as an application would: the agent was given the rule file
 * (args[0]) holding version 1 of scene "checkout" (fullGray); the app expects the SDK to see it, rewrites the file
 * to version 2 (not gray) and awaits the SDK following the agent's reload. Exits 1 on the first failed check.
 */
public final class GraySdkApp {
    public static String document(String version, boolean fullGray) {
        // a rule nobody matches: without fullGray the scene hits no one (a scene without rules would hit everyone)
        return "{\"version\":\"" + version + "\",\"scenes\":{\"checkout\":{\"fullGray\":" + fullGray + ","
                + "\"rules\":[{\"conditions\":[{\"type\":\"STRING\",\"subject\":\"never\",\"predicate\":\"EQ\","
                + "\"objects\":[\"x\"]}]}],\"config\":{\"limit\":" + (fullGray ? 100 : 5) + "}}}}";
    }

    public static void main(String[] args) throws Exception {
        Path rules = Paths.get(args[0]);
        GrayService sdk = GrayService.global();
        Map<String, Object> none = Collections.emptyMap();
        check("agent rules seen", "1".equals(GrayService.globalDocument().version()) && sdk.hitGray("checkout", none),
                "version=" + GrayService.globalDocument().version() + " hit=" + sdk.hitGray("checkout", none));
        check("agent config seen", sdk.getIntegerValue("checkout", "limit", -1) == 100,
                "limit=" + sdk.getIntegerValue("checkout", "limit", -1));
        Files.write(rules, document("2", false).getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"2".equals(GrayService.globalDocument().version()) && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling for a condition, bounded by the deadline
        }
        check("agent reload followed", "2".equals(GrayService.globalDocument().version())
                && !sdk.hitGray("checkout", none) && sdk.getIntegerValue("checkout", "limit", -1) == 5,
                "version=" + GrayService.globalDocument().version() + " hit=" + sdk.hitGray("checkout", none));
        System.out.println("SDK ALL OK");
    }

    private static void check(String what, boolean ok, String observed) {
        System.out.println("CHECK " + what + " observed=" + observed + (ok ? " OK" : " FAIL"));
        if (!ok) {
            System.exit(1);
        }
    }
}
