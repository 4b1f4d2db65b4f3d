package io.graylane.core.rules;

import io.graylane.core.config.ConfigKeys;

/** The {@code graylane.rules.*} keys, as the rules engine's {@code RuleSources} reads them. */
final class RulesConfigKeys {
    static final String[] NAMES = {
        ConfigKeys.RULES_FILE.name(), ConfigKeys.RULES_FILE_POLL.name(), ConfigKeys.RULES_CACHE.name(),
        ConfigKeys.RULES_MAX_BYTES.name(),
        ConfigKeys.RULES_NACOS_SERVER_ADDR.name(), ConfigKeys.RULES_NACOS_NAMESPACE.name(),
        ConfigKeys.RULES_NACOS_GROUP.name(), ConfigKeys.RULES_NACOS_DATA_ID.name(),
        ConfigKeys.RULES_NACOS_USERNAME.name(), ConfigKeys.RULES_NACOS_PASSWORD.name(),
        ConfigKeys.RULES_NACOS_ACCESS_KEY.name(), ConfigKeys.RULES_NACOS_SECRET_KEY.name(),
        ConfigKeys.RULES_NACOS_INITIAL_WAIT.name(),
    };

    private RulesConfigKeys() {
    }
}
