package io.graylane.rules.source;

/** Where the rule document lives in Nacos and how to log in. Plain values: no Nacos types here. */
public final class NacosSettings {
    public String serverAddr;
    public String namespace;
    public String group = "DEFAULT_GROUP";
    public String dataId = "graylane-rules.json";
    public String username;
    public String password;
    public String accessKey;
    public String secretKey;
    /** How long {@code start()} waits for the first document before letting the application go on. */
    public long initialWaitMillis = 3000;
    /** Timeout of each read from the server. */
    public long readTimeoutMillis = 3000;
    /** Larger documents are refused before they are parsed (see {@link RuleSources#DEFAULT_MAX_BYTES}). */
    public long maxBytes = RuleSources.DEFAULT_MAX_BYTES;

    public String describe() {
        return "nacos:" + serverAddr + "/" + (namespace == null || namespace.isEmpty() ? "public" : namespace) + "/"
                + group + "/" + dataId;
    }
}
