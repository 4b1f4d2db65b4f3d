package io.graylane.core.node;

import io.graylane.rules.json.Json;

import java.util.List;

/** A snapshot of the node lifecycle, as {@code GET /node} shows it. */
public final class NodeStatus {
    private final NodeState state;
    private final long offlineForMillis;
    private final long quietForMillis;
    private final List<FrameworkStatus> frameworks;

    NodeStatus(NodeState state, long offlineForMillis, long quietForMillis, List<FrameworkStatus> frameworks) {
        this.state = state;
        this.offlineForMillis = offlineForMillis;
        this.quietForMillis = quietForMillis;
        this.frameworks = frameworks;
    }

    public NodeState state() {
        return state;
    }

    public boolean drained() {
        return state == NodeState.DRAINED;
    }

    public List<FrameworkStatus> frameworks() {
        return frameworks;
    }

    /** Work in flight over every framework (a framework that could not tell counts as 1). */
    public long inFlight() {
        long sum = 0;
        for (FrameworkStatus f : frameworks) {
            sum += f.inFlight() < 0 ? 1 : f.inFlight();
        }
        return sum;
    }

    /**
     * {@code {"state":"offline","drained":false,"offlineMillis":..,"quietMillis":..,"inFlight":..,
     * "frameworks":[{"name":"dubbo","inFlight":0,"stopped":true,"error":null}]}}.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"state\":\"").append(state.label()).append("\",\"drained\":").append(drained())
                .append(",\"offlineMillis\":").append(offlineForMillis)
                .append(",\"quietMillis\":").append(quietForMillis)
                .append(",\"inFlight\":").append(inFlight())
                .append(",\"frameworks\":[");
        for (int i = 0; i < frameworks.size(); i++) {
            FrameworkStatus f = frameworks.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"name\":");
            Json.quote(f.framework(), sb);
            sb.append(",\"inFlight\":").append(f.inFlight()).append(",\"stopped\":").append(f.stopped())
                    .append(",\"error\":");
            if (f.error() == null) {
                sb.append("null");
            } else {
                Json.quote(f.error(), sb);
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }
}
