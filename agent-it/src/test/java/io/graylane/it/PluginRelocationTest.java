package io.graylane.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent jar relocates the third-party libraries it embeds (Nacos client, Jackson, Apache HttpClient, ByteBuddy, …)
 * under {@code io.graylane.shaded}. Plugin classes are packed by a shade step of their own that relocates only
 * ByteBuddy (the agent's, for advice and matchers): a plugin names the <em>application's</em> libraries (the Nacos
 * naming client) and must never reach the agent's relocated copy of one. So in the jar, a plugin class names no
 * relocated package but ByteBuddy's, never an unrelocated ByteBuddy, and the plugins typed against the Nacos client
 * name {@code com.alibaba.nacos} as it is.
 */
class PluginRelocationTest {
    private static final String SHADED = "io/graylane/shaded/";
    private static final Pattern RELOCATED = Pattern.compile("io[/.]graylane[/.]shaded[/.]([A-Za-z0-9_]+[/.][A-Za-z0-9_]+)");
    private static final Pattern BYTEBUDDY_UNRELOCATED = Pattern.compile("(?<!shaded[/.])net[/.]bytebuddy[/.]");
    private static final Pattern NACOS_UNRELOCATED = Pattern.compile("(?<!shaded[/.])com[/.]alibaba[/.]nacos[/.]");

    @Test
    void pluginClassesNameTheApplicationsLibrariesAndOnlyTheAgentsByteBuddy() throws IOException {
        List<String> offenders = new ArrayList<>();
        TreeSet<String> namingNacos = new TreeSet<>();
        int plugins = 0;
        int relocatedByteBuddy = 0;
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String n = entry.getName();
                if (!n.startsWith("inst/io/graylane/plugin/") || !n.endsWith(".classdata")) {
                    continue;
                }
                plugins++;
                String text;
                try (InputStream in = jar.getInputStream(entry)) {
                    // constant-pool names and strings are (modified) UTF-8: ASCII names appear as they are
                    text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                Matcher m = RELOCATED.matcher(text);
                boolean bytebuddy = false;
                while (m.find()) {
                    String lib = m.group(1).replace('.', '/');
                    if (lib.equals("net/bytebuddy")) {
                        bytebuddy = true;
                    } else {
                        offenders.add(n + " → " + SHADED + lib);
                        break;
                    }
                }
                if (bytebuddy) {
                    relocatedByteBuddy++;
                }
                if (BYTEBUDDY_UNRELOCATED.matcher(text).find()) {
                    offenders.add(n + " → net/bytebuddy (not the agent's relocated ByteBuddy)");
                }
                if (NACOS_UNRELOCATED.matcher(text).find()) {
                    namingNacos.add(n.substring("inst/".length(), n.length() - ".classdata".length()));
                }
            }
        }
        System.out.println("plugin classes " + plugins + ", naming the relocated ByteBuddy " + relocatedByteBuddy
                + ", naming com.alibaba.nacos " + namingNacos.size() + ": " + namingNacos);
        assertTrue(plugins > 50, "expected the plugins' classes in the jar, found " + plugins);
        assertTrue(offenders.isEmpty(), "plugin classes naming a relocated library (the agent's copy, not the"
                + " application's) or an unrelocated ByteBuddy: " + offenders);
        assertTrue(relocatedByteBuddy > 10, "plugin advice and instrumentations name the agent's relocated ByteBuddy;"
                + " found " + relocatedByteBuddy);
        assertTrue(namingNacos.stream().anyMatch(c -> c.endsWith("/nacos/ServiceInfoView"))
                        && namingNacos.stream().anyMatch(c -> c.endsWith("/NamingClientRegistrations")),
                "the typed Nacos helpers name the application's com.alibaba.nacos: " + namingNacos);
    }
}
