package io.graylane.core.app;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ApplicationSettingsTest {
    private static final String YAML = String.join("\n",
            "# order service",
            "spring:",
            "  application:",
            "    name: \"order-svc\"   # quoted",
            "  datasource:",
            "    url: jdbc:mysql://db:3306/x?a=1#frag",
            "server:",
            "  port: 18080",
            "dubbo:",
            "  protocol:",
            "    name: dubbo",
            "    port: 20881",
            "  registries:",
            "    - address: zookeeper://zk:2181",
            "---",
            "spring:",
            "  application:",
            "    name: second-document-ignored");

    @Test
    void yamlNestedKeysBecomeDottedKeysOfTheFirstDocumentOnly() {
        Map<String, String> m = SettingsText.yaml(YAML);
        assertEquals("order-svc", m.get("spring.application.name"));
        assertEquals("18080", m.get("server.port"));
        assertEquals("20881", m.get("dubbo.protocol.port"));
        assertEquals("dubbo", m.get("dubbo.protocol.name"));
        assertEquals("jdbc:mysql://db:3306/x?a=1#frag", m.get("spring.datasource.url"));
        assertNull(m.get("dubbo.registries.address"));
    }

    @Test
    void flatYamlKeysAndPropertiesAreRead() {
        assertEquals("pay", SettingsText.yaml("spring.application.name: pay\n").get("spring.application.name"));
        assertEquals("pay", SettingsText.properties("spring.application.name=pay\nserver.port = 9000\n")
                .get("spring.application.name"));
    }

    @Test
    void systemPropertiesThenEnvironmentThenFilesInOrder() {
        List<Map<String, String>> files = Arrays.asList(Map.of("server.port", "1111", "spring.application.name", "from-config-dir"),
                Map.of("server.port", "2222", "dubbo.application.name", "from-classpath"));
        ApplicationSettings s = new ApplicationSettings(Map.of("spring.application.name", "from-d"),
                Map.of("SERVER_PORT", "3333"), files, false);
        assertEquals("from-d", s.get("spring.application.name"));
        assertEquals("3333", s.get("server.port"));
        assertEquals("from-classpath", s.get("dubbo.application.name"));
        ApplicationSettings f = new ApplicationSettings(Map.of(), Map.of(), files, false);
        assertEquals("1111", f.get("server.port"));
        assertEquals("from-config-dir", f.get("spring.application.name"));
    }

    @Test
    void declaredPortsIncludeSpringBootsDefaultOnlyForSpringBootWithoutServerPort() {
        ApplicationSettings boot = new ApplicationSettings(Map.of(), Map.of(), Collections.emptyList(), true);
        assertEquals(List.of(8080), boot.declaredPorts());
        assertEquals("Spring Boot's default server.port", boot.whoDeclares(8080));
        ApplicationSettings plain = new ApplicationSettings(Map.of(), Map.of(), Collections.emptyList(), false);
        assertEquals(List.of(), plain.declaredPorts());
        assertNull(plain.whoDeclares(8080));
        ApplicationSettings set = new ApplicationSettings(Map.of("server.port", "9000", "dubbo.protocol.port", "20880"),
                Map.of(), Collections.emptyList(), true);
        assertEquals(List.of(9000, 20880), set.declaredPorts());
        assertEquals("dubbo.protocol.port", set.whoDeclares(20880));
        assertNull(set.whoDeclares(8080));
    }

    @Test
    void tomcatConnectorAndShutdownPortsButNotCommentedOnes() {
        String xml = "<Server port=\"8005\" shutdown=\"SHUTDOWN\">\n<Service name=\"Catalina\">\n"
                + "<!-- <Connector port=\"8443\" protocol=\"HTTP/1.1\"/> -->\n"
                + "<Connector port=\"8080\" protocol=\"HTTP/1.1\"\n connectionTimeout=\"20000\" redirectPort=\"8443\"/>\n"
                + "</Service></Server>";
        assertEquals(List.of(8005, 8080), TomcatServerXml.ports(xml));
    }
}
