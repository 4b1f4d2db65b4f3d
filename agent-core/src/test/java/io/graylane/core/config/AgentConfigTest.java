package io.graylane.core.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentConfigTest {
    @Test
    void agentArgumentsWinOverSystemPropertiesWhichWinOverEnvironment() throws Exception {
        AgentConfig c = AgentConfig.load("lane=args",
                Map.of("graylane.lane", "sysprop", "graylane.app", "sysprop-app"),
                Map.of("GRAYLANE_LANE", "env", "GRAYLANE_APP", "env-app", "GRAYLANE_LOG_LEVEL", "debug"));
        assertEquals("args", c.get(ConfigKeys.LANE));
        assertEquals(AgentConfig.SOURCE_ARGS, c.sourceOf("graylane.lane"));
        assertEquals("sysprop-app", c.get(ConfigKeys.APP));
        assertEquals("debug", c.get(ConfigKeys.LOG_LEVEL));
        assertTrue(c.sourceOf("graylane.log.level").contains("GRAYLANE_LOG_LEVEL"));
    }

    @Test
    void defaultsApplyAndBaselineIsTheEmptyLane() throws Exception {
        AgentConfig c = AgentConfig.load(null, Map.of(), Map.of());
        assertEquals("", c.get(ConfigKeys.LANE));
        assertEquals("127.0.0.1", c.get(ConfigKeys.ADMIN_BIND));
        assertEquals(null, c.getInt(ConfigKeys.ADMIN_PORT));
        assertTrue(c.getBoolean(ConfigKeys.ENABLED));
        assertTrue(c.isPluginEnabled("executors"));
    }

    @Test
    void pluginSwitchesComeFromEveryForm() throws Exception {
        assertFalse(AgentConfig.load("plugin.executors.enabled=false", Map.of(), Map.of()).isPluginEnabled("executors"));
        assertFalse(AgentConfig.load(null, Map.of("graylane.plugin.executors.enabled", "false"), Map.of())
                .isPluginEnabled("executors"));
        assertFalse(AgentConfig.load(null, Map.of(), Map.of("GRAYLANE_PLUGIN_ROCKET_MQ_ENABLED", "false"))
                .isPluginEnabled("rocket-mq"));
    }

    @Test
    void unknownKeysAreWarningsNotErrors() throws Exception {
        AgentConfig c = AgentConfig.load("colour=blue", Map.of("graylane.nope", "1", "other.key", "x"),
                Map.of("GRAYLANE_NOPE", "1", "PATH", "/bin"));
        assertEquals(3, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().contains("unknown agent argument 'colour' ignored"));
        assertTrue(c.warnings().contains("unknown system property -Dgraylane.nope ignored"));
        assertTrue(c.warnings().contains("unknown environment variable GRAYLANE_NOPE ignored"));
    }

    @Test
    void everyInvalidValueIsNamedWithItsSource() {
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.load("admin.port=70000,lane=a b",
                Map.of("graylane.enabled", "yes"), Map.of("GRAYLANE_LOG_LEVEL", "loud")));
        String m = e.getMessage();
        assertTrue(m.contains("graylane.admin.port='70000' (from agent argument): expected a port number 0..65535"), m);
        assertTrue(m.contains("graylane.lane='a b' (from agent argument): expected a lane name"), m);
        assertTrue(m.contains("graylane.enabled='yes' (from system property -Dgraylane.enabled): expected true or false"), m);
        assertTrue(m.contains("graylane.log.level='loud' (from environment GRAYLANE_LOG_LEVEL)"), m);
    }

    @Test
    void malformedAgentArgumentIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.load("lane", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("agent argument 'lane': expected key=value"), e.getMessage());
    }

    @Test
    void aCommaPartWithoutEqualsContinuesThePreviousValueSoListsWorkInAgentArguments() throws Exception {
        AgentConfig c = AgentConfig.load("lane=gray,ingress.trusted-cidrs=10.0.0.0/8,127.0.0.1/32, ::1/128,"
                + "rules.nacos.serverAddr=10.1.1.1:8848,10.1.1.2:8848", Map.of(), Map.of());
        assertEquals("gray", c.get(ConfigKeys.LANE));
        assertEquals("10.0.0.0/8,127.0.0.1/32,::1/128", c.get(ConfigKeys.INGRESS_TRUSTED_CIDRS));
        assertEquals("10.1.1.1:8848,10.1.1.2:8848", c.get(ConfigKeys.RULES_NACOS_SERVER_ADDR));
        // only a first part without '=' is malformed
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.load("gray,lane=gray", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("agent argument 'gray': expected key=value"), e.getMessage());
    }

    @Test
    void adminOnANonLoopbackAddressNeedsAToken() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AgentConfig.load("admin.port=9000,admin.bind=0.0.0.0", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("requires graylane.admin.token"), e.getMessage());
        AgentConfig ok = AgentConfig.load("admin.port=9000,admin.bind=0.0.0.0,admin.token=s3cret", Map.of(), Map.of());
        assertEquals(9000, ok.getInt(ConfigKeys.ADMIN_PORT));
    }

    @Test
    void envNamesFollowTheKeys() {
        assertEquals("GRAYLANE_ADMIN_PORT", ConfigKey.envName("graylane.admin.port"));
        assertEquals("GRAYLANE_COLOR_BY_NODE", ConfigKey.envName("graylane.color-by-node"));
    }
}
