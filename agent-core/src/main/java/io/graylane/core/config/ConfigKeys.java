package io.graylane.core.config;

import io.graylane.core.ingress.TrustedCallers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent core's configuration keys: with the keys the plugins declare, the source of docs/configuration.md and of
 * {@code java -jar graylane-agent.jar config}. Keys neither here nor in a plugin (other than
 * {@code graylane.plugin.<name>.enabled}) are warned about at start-up.
 */
public final class ConfigKeys {
    private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<String, ConfigKey>();
    static final Pattern PLUGIN_ENABLED = Pattern.compile("graylane\\.plugin\\.([a-z0-9][a-z0-9-]*)\\.enabled");

    public static final ConfigKey ENABLED = define("graylane.enabled", ConfigKey.Type.BOOLEAN, "true",
            "false starts the application without the agent doing anything");
    public static final ConfigKey LANE = define("graylane.lane", ConfigKey.Type.LANE, "",
            "this node's lane (e.g. gray); empty = baseline");
    public static final ConfigKey APP = define("graylane.app", ConfigKey.Type.STRING, "",
            "application name (default: spring.application.name, dubbo.application.name, else the main class)");
    public static final ConfigKey LOG_LEVEL = define("graylane.log.level", ConfigKey.Type.LOG_LEVEL, "INFO",
            "ERROR, WARN, INFO, DEBUG or OFF");
    public static final ConfigKey LOG_FILE = define("graylane.log.file", ConfigKey.Type.STRING, null,
            "also append the agent's log to this file");
    public static final ConfigKey LOG_STDERR = define("graylane.log.stderr", ConfigKey.Type.BOOLEAN, "true",
            "write the agent's log to stderr");
    public static final ConfigKey ADMIN_PORT = define("graylane.admin.port", ConfigKey.Type.PORT, null,
            "serve /status, /metrics and /node on this port (0 = any free port); off when unset");
    public static final ConfigKey ADMIN_BIND = define("graylane.admin.bind", ConfigKey.Type.STRING, "127.0.0.1",
            "address the admin endpoint binds; any non-loopback address requires graylane.admin.token");
    public static final ConfigKey ADMIN_TOKEN = define("graylane.admin.token", ConfigKey.Type.STRING, null,
            "bearer token the admin endpoint requires (Authorization: Bearer <token>); POST /node/offline|online need it set");
    public static final ConfigKey NODE_QUIET_PERIOD = define("graylane.node.quiet-period-ms",
            ConfigKey.Type.POSITIVE_INT, "500", "an offline node is drained once nothing was in flight and no new work"
                    + " arrived for this many milliseconds");
    public static final ConfigKey SHUTDOWN_GRACEFUL = define("graylane.shutdown.graceful", ConfigKey.Type.BOOLEAN,
            "true", "on SIGTERM take the node offline and wait until it drained before the shutdown hooks run");
    public static final ConfigKey SHUTDOWN_TIMEOUT = define(ConfigKey.of("graylane.shutdown.timeout",
            ConfigKey.Type.STRING, "30s", "longest SIGTERM waits for the node to drain (e.g. 500ms, 30s, 2m)")
            .checkedBy(new ConfigKey.Check() {
                @Override
                public String problem(String value) {
                    io.graylane.core.node.Durations.toMillis(value); // throws naming what was expected
                    return null;
                }
            }));
    public static final ConfigKey EXTENSIONS = define("graylane.extensions", ConfigKey.Type.LIST, null,
            "comma- or path-separator-separated jars with extra plugins (compiled against graylane's plugin API)");

    public static final ConfigKey RULES_FILE = define("graylane.rules.file", ConfigKey.Type.STRING, null,
            "local rule document (JSON), watched for changes; used when no Nacos is configured (default graylane-rules.json)");
    public static final ConfigKey RULES_FILE_POLL = define("graylane.rules.file.pollMillis", ConfigKey.Type.POSITIVE_INT,
            null, "how often the local rule file is checked for changes (default 1000)");
    public static final ConfigKey RULES_MAX_BYTES = define("graylane.rules.maxBytes", ConfigKey.Type.POSITIVE_INT, null,
            "largest rule document accepted, in bytes (default 1048576); larger ones are refused before they are read or parsed");
    public static final ConfigKey RULES_CACHE = define("graylane.rules.cache", ConfigKey.Type.STRING, null,
            "where the last good document from Nacos is kept (default ~/.graylane/rules-cache/<namespace>_<group>_<dataId>)");
    public static final ConfigKey RULES_NACOS_SERVER_ADDR = define("graylane.rules.nacos.serverAddr",
            ConfigKey.Type.STRING, null, "Nacos server address (host:port[,host:port]); set = rules come from Nacos");
    public static final ConfigKey RULES_NACOS_NAMESPACE = define("graylane.rules.nacos.namespace",
            ConfigKey.Type.STRING, null, "Nacos namespace (default public)");
    public static final ConfigKey RULES_NACOS_GROUP = define("graylane.rules.nacos.group", ConfigKey.Type.STRING,
            null, "Nacos group of the rule document (default DEFAULT_GROUP)");
    public static final ConfigKey RULES_NACOS_DATA_ID = define("graylane.rules.nacos.dataId", ConfigKey.Type.STRING,
            null, "Nacos dataId of the rule document (default graylane-rules.json)");
    public static final ConfigKey RULES_NACOS_USERNAME = define("graylane.rules.nacos.username",
            ConfigKey.Type.STRING, null, "Nacos user name");
    public static final ConfigKey RULES_NACOS_PASSWORD = define("graylane.rules.nacos.password",
            ConfigKey.Type.STRING, null, "Nacos password");
    public static final ConfigKey RULES_NACOS_ACCESS_KEY = define("graylane.rules.nacos.accessKey",
            ConfigKey.Type.STRING, null, "Nacos access key");
    public static final ConfigKey RULES_NACOS_SECRET_KEY = define("graylane.rules.nacos.secretKey",
            ConfigKey.Type.STRING, null, "Nacos secret key");
    public static final ConfigKey RULES_NACOS_INITIAL_WAIT = define("graylane.rules.nacos.initialWaitMillis",
            ConfigKey.Type.POSITIVE_INT, null,
            "how long the rule source's start waits for Nacos' first answer, on its own thread (default 3000)");
    public static final ConfigKey INGRESS_HEADER = define("graylane.ingress.header", ConfigKey.Type.STRING,
            "x-graylane-lane", "inbound lane header, believed only from trusted callers");
    public static final ConfigKey INGRESS_TRUSTED_CIDRS = define(ConfigKey.of("graylane.ingress.trusted-cidrs",
            ConfigKey.Type.STRING, null,
            "comma-separated CIDR blocks whose lane header (and client-IP header) is trusted; default none")
            .checkedBy(new ConfigKey.Check() {
                @Override
                public String problem(String value) {
                    List<String> blocks = new ArrayList<String>();
                    for (String b : value.split("[,\\s]+")) { // as the ingress reads it
                        if (!b.trim().isEmpty()) {
                            blocks.add(b.trim());
                        }
                    }
                    TrustedCallers.parse(blocks); // throws naming the bad block
                    return null;
                }
            }));
    public static final ConfigKey INGRESS_HMAC_SECRET = define(ConfigKey.of("graylane.ingress.hmac-secret",
            ConfigKey.Type.STRING, null,
            "shared secret (>= 16 chars): a lane header with a valid <header>-signature is trusted from anywhere")
            .checkedBy(new ConfigKey.Check() {
                @Override
                public String problem(String value) {
                    return value.isEmpty() || value.length() >= 16 ? null : "at least 16 characters";
                }
            }));
    public static final ConfigKey INGRESS_AUDIENCE = define("graylane.ingress.audience", ConfigKey.Type.STRING, null,
            "host names callers use for this node: signed lane headers made for them are accepted (besides the local address)");
    public static final ConfigKey HTTP_CLIENT_SIGN_DESTINATIONS = define("graylane.http-client.sign-destinations",
            ConfigKey.Type.STRING, null, "hosts, .domain suffixes and CIDR blocks that get signed lane headers; default "
                    + "localhost, loopback and private addresses");
    public static final ConfigKey HTTP_CLIENT_KEEP_APPLICATION_HEADER = define(
            "graylane.http-client.keep-application-lane-header", ConfigKey.Type.BOOLEAN, "false",
            "true: a lane header the application set on an outbound request is sent as it is (default: the agent's lane)");
    public static final ConfigKey INGRESS_CLIENT_IP_HEADER = define("graylane.ingress.client-ip-header",
            ConfigKey.Type.STRING, null, "header with the client IP (e.g. X-Forwarded-For), honoured from trusted peers");
    public static final ConfigKey INGRESS_RESPONSE_HEADER = define("graylane.ingress.response-header",
            ConfigKey.Type.STRING, null, "response header naming the lane that served the request; off when unset");
    public static final ConfigKey COLOR_BY_NODE = define("graylane.color-by-node", ConfigKey.Type.BOOLEAN, "false",
            "a request entering a node of a lane without a lane of its own gets the node's lane");


    private ConfigKeys() {
    }

    static ConfigKey define(String name, ConfigKey.Type type, String defaultValue, String doc) {
        return define(new ConfigKey(name, type, defaultValue, doc));
    }

    private static ConfigKey define(ConfigKey k) {
        KEYS.put(k.name(), k);
        return k;
    }

    /** The core's key definition, also for {@code graylane.plugin.<name>.enabled}; null when unknown. */
    public static ConfigKey find(String name) {
        ConfigKey k = KEYS.get(name);
        if (k == null) {
            Matcher m = PLUGIN_ENABLED.matcher(name);
            if (m.matches()) {
                return new ConfigKey(name, ConfigKey.Type.BOOLEAN, "true", "turns plugin " + m.group(1) + " on or off");
            }
        }
        return k;
    }

    /** The core's keys (plugins declare theirs in {@code GraylanePlugin.configKeys()}). */
    public static Collection<ConfigKey> all() {
        return Collections.unmodifiableCollection(KEYS.values());
    }

    public static String pluginEnabledKey(String pluginName) {
        return "graylane.plugin." + pluginName + ".enabled";
    }
}
