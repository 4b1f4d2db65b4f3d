package io.graylane.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent jar relocates the libraries it embeds (Nacos client, Jackson, Apache HttpClient, …) under
 * {@code io.graylane.shaded}, and the shade step rewrites every class it packs, plugins included, string constants
 * too. A plugin that names one of those libraries to reach the <em>application's</em> copy would silently reach the
 * agent's own copy instead and never fire (seen once with the Nacos naming client). So no plugin class in the jar may
 * refer to a relocated application library; plugins name such types at run time or through typed helpers kept out of
 * the shade step.
 */
class PluginRelocationTest {
    /** Relocated libraries an instrumented application may also have (ByteBuddy is the agent's own). */
    private static final List<String> APPLICATION_LIBRARIES = List.of("com/alibaba/nacos", "com.alibaba.nacos",
            "com/fasterxml/jackson", "com.fasterxml.jackson", "org/apache/http", "org.apache.http",
            "org/apache/commons/codec", "org.apache.commons.codec", "org/yaml/snakeyaml", "org.yaml.snakeyaml",
            "io/micrometer", "io.micrometer", "io/prometheus", "io.prometheus");

    @Test
    void noPluginClassRefersToARelocatedApplicationLibrary() throws IOException {
        List<String> offenders = new ArrayList<>();
        int plugins = 0;
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
                for (String lib : APPLICATION_LIBRARIES) {
                    String slash = "io/graylane/shaded/" + lib.replace('.', '/');
                    String dot = "io.graylane.shaded." + lib.replace('/', '.');
                    if (text.contains(slash) || text.contains(dot)) {
                        offenders.add(n + " → " + lib);
                        break;
                    }
                }
            }
        }
        assertTrue(plugins > 50, "expected the plugins' classes in the jar, found " + plugins);
        assertTrue(offenders.isEmpty(), "plugin classes that would reach the agent's relocated copy instead of the"
                + " application's: " + offenders);
    }
}
