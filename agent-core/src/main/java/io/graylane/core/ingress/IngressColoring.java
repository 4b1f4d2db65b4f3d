package io.graylane.core.ingress;

import io.graylane.bootstrap.LaneNames;
import io.graylane.bootstrap.LaneSnapshot;
import io.graylane.bootstrap.http.LaneSignature;
import io.graylane.bootstrap.metrics.Counter;
import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.config.AgentConfig;
import io.graylane.core.config.ConfigKeys;
import io.graylane.core.rules.AgentRules;
import io.graylane.rules.AttributeSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decides the lane of a request entering the system, in this order:
 * <ol>
 *   <li>a lane header ({@code graylane.ingress.header}, default {@code x-graylane-lane}) from a trusted caller: the
 *   peer address is in {@code graylane.ingress.trusted-cidrs}, or the request carries a valid
 *   {@code <header>-signature} made with {@code graylane.ingress.hmac-secret} for this node, this method and this path,
 *   moments ago ({@link LaneSignatureCheck}). From anyone else the header is ignored and counted;</li>
 *   <li>the rules ({@link AgentRules}) on the request's attributes;</li>
 *   <li>with {@code graylane.color-by-node=true}, this node's own lane.</li>
 * </ol>
 * Otherwise the request is baseline. Thread-safe; one instance per agent.
 */
public final class IngressColoring {
    public static final String DEFAULT_HEADER = "x-graylane-lane";
    /** A claim of two different lanes at once: never a lane name (it has a space), never believed. */
    private static final String AMBIGUOUS = new String("<two lanes>");

    private static final Counter FORGED = MetricRegistry.counter("graylane_ingress_forged_lane_total",
            "inbound lane headers ignored because the caller is not trusted (not in the CIDRs, no valid signature)");
    private static final Counter INVALID = MetricRegistry.counter("graylane_ingress_invalid_lane_total",
            "inbound lane headers from trusted callers ignored because the value is not a lane name");

    private final String laneHeader;
    private final String signatureHeader;
    private final TrustedCallers trusted;
    private final LaneSignatureCheck signatures;
    private final String clientIpHeader;
    private final String responseHeader;
    private final String nodeLane;
    private final boolean colorByNode;
    private final ConcurrentMap<String, Counter> colored = new ConcurrentHashMap<String, Counter>();
    private final Counter baseline = MetricRegistry.counter("graylane_ingress_requests_total",
            "requests entering this node, per lane and why they got it (rule, trusted-header, node, none)",
            "lane", "baseline", "reason", "none");

    public IngressColoring(String laneHeader, TrustedCallers trusted, String hmacSecret, String clientIpHeader,
                           String responseHeader, String nodeLane, boolean colorByNode) {
        this(laneHeader, trusted, hmacSecret, null, clientIpHeader, responseHeader, nodeLane, colorByNode);
    }

    /** {@code audiences}: the names callers use for this node in signed lane headers (its local address always counts). */
    public IngressColoring(String laneHeader, TrustedCallers trusted, String hmacSecret, List<String> audiences,
                           String clientIpHeader, String responseHeader, String nodeLane, boolean colorByNode) {
        this.laneHeader = laneHeader == null || laneHeader.trim().isEmpty() ? DEFAULT_HEADER : laneHeader.trim();
        this.signatureHeader = this.laneHeader + "-signature";
        this.trusted = trusted == null ? TrustedCallers.NONE : trusted;
        this.signatures = hmacSecret == null || hmacSecret.isEmpty() ? null : new LaneSignatureCheck(hmacSecret, audiences);
        this.clientIpHeader = empty(clientIpHeader) ? null : clientIpHeader.trim();
        this.responseHeader = empty(responseHeader) ? null : responseHeader.trim();
        this.nodeLane = empty(nodeLane) ? null : nodeLane;
        this.colorByNode = colorByNode;
    }

    /**
     * {@code graylane.ingress.hmac-secret}, or null when unset (the ingress verifies with it, the HTTP clients sign
     * with it).
     */
    public static String hmacSecret(AgentConfig config) {
        String secret = config.get(ConfigKeys.INGRESS_HMAC_SECRET);
        return empty(secret) ? null : secret; // its length was checked with every other key, before anything started
    }

    /**
     * The ingress of this node from its configuration, whose values were all checked when it loaded (the CIDR list and
     * the secret by their keys' checks).
     */
    public static IngressColoring fromConfig(AgentConfig config, String nodeLane) {
        return new IngressColoring(config.get(ConfigKeys.INGRESS_HEADER),
                TrustedCallers.parse(list(config.get(ConfigKeys.INGRESS_TRUSTED_CIDRS))), hmacSecret(config),
                list(config.get(ConfigKeys.INGRESS_AUDIENCE)), config.get(ConfigKeys.INGRESS_CLIENT_IP_HEADER),
                config.get(ConfigKeys.INGRESS_RESPONSE_HEADER), nodeLane, config.getBoolean(ConfigKeys.COLOR_BY_NODE));
    }

    /** The lane of {@code req} (null = baseline), counted in the metrics. */
    public LaneSnapshot decide(final IngressRequest req) {
        String claimed = claimedLane(req);
        if (claimed != null) {
            if (isTrusted(req, claimed)) {
                LaneSnapshot s = claimed == AMBIGUOUS ? null : snapshot(claimed, LaneSnapshot.ORIGIN_TRUSTED_HEADER);
                if (s != null) {
                    return s;
                }
                INVALID.inc();
            } else {
                FORGED.inc();
            }
        }
        String lane = AgentRules.get().decideLane(new AttributeSource() {
            @Override
            public String get(String name) {
                return attribute(req, name);
            }
        });
        if (lane != null) {
            LaneSnapshot s = snapshot(lane, LaneSnapshot.ORIGIN_RULE);
            if (s != null) {
                return s;
            }
        }
        if (colorByNode && nodeLane != null) {
            return snapshot(nodeLane, LaneSnapshot.ORIGIN_NODE);
        }
        baseline.inc();
        return null;
    }

    /**
     * The lane the request's lane header lines claim: null when there is none or every line is empty, the one non-empty
     * value (trimmed), or {@link #AMBIGUOUS} when the lines name different lanes (an empty line before a real one hides
     * nothing: the real one is the claim).
     */
    private String claimedLane(IngressRequest req) {
        String claim = null;
        for (String v : req.headers(laneHeader)) {
            if (empty(v)) {
                continue;
            }
            String lane = v.trim();
            if (claim != null && !claim.equals(lane)) {
                return AMBIGUOUS;
            }
            claim = lane;
        }
        return claim;
    }

    /** Null when no response header is configured. */
    public String responseHeader() {
        return responseHeader;
    }

    public String laneHeader() {
        return laneHeader;
    }

    boolean isTrusted(IngressRequest req, String lane) {
        if (trusted.contains(req.remoteAddr())) {
            return true;
        }
        return signatures != null && lane != AMBIGUOUS
                && signatures.verify(lane, req.header(signatureHeader), req, System.currentTimeMillis() / 1000);
    }

    /** What a trusted gateway sends in {@code <header>-signature} for a request to {@code audience}. */
    public static String sign(String secret, String lane, String audience, String method, String path, long epochSeconds) {
        return LaneSignature.sign(LaneSignature.mac(secret.getBytes(StandardCharsets.UTF_8)), lane, audience, method, path,
                epochSeconds);
    }

    /**
     * Attribute names the rules can use: {@code clientIp} (or {@code ip}), {@code path}, {@code method},
     * {@code header.<name>}, {@code cookie.<name>}, {@code query.<name>}; any other name is looked up as a header,
     * then a cookie, then a query parameter.
     */
    String attribute(IngressRequest req, String name) {
        if (name == null) {
            return null;
        }
        if ("clientIp".equals(name) || "ip".equals(name)) {
            return clientIp(req);
        }
        if ("path".equals(name)) {
            return req.path();
        }
        if ("method".equals(name)) {
            return req.method();
        }
        if (name.startsWith("header.")) {
            return req.header(name.substring(7));
        }
        if (name.startsWith("cookie.")) {
            return req.cookie(name.substring(7));
        }
        if (name.startsWith("query.")) {
            return req.query(name.substring(6));
        }
        String v = req.header(name);
        if (v == null) {
            v = req.cookie(name);
        }
        if (v == null) {
            v = req.query(name);
        }
        return v;
    }

    /**
     * The peer address; when the peer is a trusted proxy and the client-IP header is set, the list it carries (every
     * line, comma-separated, each proxy appending the address it saw) is walked from the right, skipping trusted
     * proxies: the first untrusted entry is the client (entries left of it were written by the client itself). When
     * every entry is trusted, the leftmost.
     */
    String clientIp(IngressRequest req) {
        String peer = req.remoteAddr();
        if (clientIpHeader == null || !trusted.contains(peer)) {
            return peer;
        }
        List<String> entries = new ArrayList<String>();
        for (String line : req.headers(clientIpHeader)) {
            if (line != null) {
                for (String e : line.split(",")) {
                    if (!e.trim().isEmpty()) {
                        entries.add(e.trim());
                    }
                }
            }
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (!trusted.contains(entries.get(i))) {
                return entries.get(i);
            }
        }
        return entries.isEmpty() ? peer : entries.get(0);
    }

    /**
     * The snapshot of a lane decided here (null when {@code lane} is not a lane name), counted per lane and reason. The
     * snapshot comes from {@link LaneNames} (every lane the rules name always gets one, whatever else was seen); the
     * metric label is bounded: known lanes by name, any other as {@code other}.
     */
    private LaneSnapshot snapshot(String lane, String origin) {
        LaneSnapshot s = LaneNames.snapshot(lane, origin);
        if (s == null) {
            return null;
        }
        String label = LaneNames.label(lane);
        String key = origin + '/' + label;
        Counter c = colored.get(key);
        if (c == null) {
            c = MetricRegistry.counter("graylane_ingress_requests_total", null, "lane", label, "reason", origin);
            colored.putIfAbsent(key, c);
        }
        c.inc();
        return s;
    }

    static List<String> list(String v) {
        List<String> out = new ArrayList<String>();
        if (v != null) {
            for (String p : v.split("[,\\s]+")) {
                if (!p.trim().isEmpty()) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }

    private static boolean empty(String s) {
        return s == null || s.trim().isEmpty();
    }

    @Override
    public String toString() {
        return "header=" + laneHeader + " trusted=[" + trusted + "] hmac="
                + (signatures == null ? "off" : signatures.toString()) + " clientIpHeader="
                + clientIpHeader + " responseHeader=" + responseHeader + " colorByNode=" + colorByNode;
    }

}
