package io.graylane.bootstrap;

/**
 * The agent's live rule document, as text, for code outside the agent's class loader: an application that uses the
 * rules SDK ({@code io.graylane.rules.sdk.GrayService}) from its own class path sees the agent's rules through this
 * (it compares {@link #generation()} on each call, a volatile read, and recompiles only when it changed).
 */
public final class RulesBridge {
    private static volatile Published current;

    private RulesBridge() {
    }

    /** Called by the agent core each time a rule document is applied. */
    public static void publish(String json, String version, String origin) {
        Published prev = current;
        current = new Published(json, version, origin, prev == null ? 1 : prev.generation + 1);
    }

    /** Null while the agent has applied no document. */
    public static Published current() {
        return current;
    }

    /** 0 while the agent has applied no document. */
    public static long generation() {
        Published p = current;
        return p == null ? 0 : p.generation;
    }

    /** One applied document. */
    public static final class Published {
        private final String json;
        private final String version;
        private final String origin;
        private final long generation;

        Published(String json, String version, String origin, long generation) {
            this.json = json;
            this.version = version;
            this.origin = origin;
            this.generation = generation;
        }

        public String json() {
            return json;
        }

        public String version() {
            return version;
        }

        public String origin() {
            return origin;
        }

        public long generation() {
            return generation;
        }
    }
}
