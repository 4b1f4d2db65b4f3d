package io.graylane.plugin.httpclients;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Java versions have {@code java.net.http}: the plugin weaves and loads its Java 11 helper only there. */
class JdkHttpPluginTest {
    @Test
    void java11AndNewerHaveTheClient() {
        assertTrue(JdkHttpPlugin.hasHttpClient("11"));
        assertTrue(JdkHttpPlugin.hasHttpClient("17"));
        assertTrue(JdkHttpPlugin.hasHttpClient("25"));
    }

    @Test
    void java8To10AndUnreadableVersionsDoNot() {
        assertFalse(JdkHttpPlugin.hasHttpClient("1.8"));
        assertFalse(JdkHttpPlugin.hasHttpClient("9"));
        assertFalse(JdkHttpPlugin.hasHttpClient("10"));
        assertFalse(JdkHttpPlugin.hasHttpClient("x"));
    }

    @Test
    void weavesTheFacadeWhenTheRunningJavaHasTheClient() {
        assertEquals(JdkHttpPlugin.hasHttpClient() ? 1 : 0, new JdkHttpPlugin().typeInstrumentations().size());
    }
}
