package io.graylane.core.config;

/** An invalid configuration value: the message names the key, the value, where it came from and what is expected. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
