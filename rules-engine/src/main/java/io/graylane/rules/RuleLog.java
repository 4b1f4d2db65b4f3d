package io.graylane.rules;

/**
 * Where the rules engine writes its few log lines (one per applied or rejected document, source
 * trouble). The default prints one line to {@code System.err}; the agent can route it elsewhere.
 * Deliberately not java.util.logging: touching JUL from an agent can break the host's log manager.
 */
public interface RuleLog {
    RuleLog STDERR = new RuleLog() {
        @Override
        public void info(String message) {
            System.err.println("[graylane] " + message);
        }

        @Override
        public void warn(String message) {
            System.err.println("[graylane] WARN " + message);
        }
    };

    RuleLog SILENT = new RuleLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    void info(String message);

    void warn(String message);
}
