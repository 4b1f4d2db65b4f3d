package io.graylane.plugin.rocketmq.client;

import io.graylane.bootstrap.metrics.MetricRegistry;
import io.graylane.core.logging.AgentLogger;
import io.graylane.plugin.rocketmq.LaneExpressions;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;

import java.util.Map;
import java.util.Properties;

/**
 * Whether the broker filters by SQL92 ({@code enablePropertyFilter}): a gray consumer's lane filter goes on once the
 * broker said yes; without it, consumers fall back to filtering lanes client-side.
 */
final class Sql92Mode {
    private final LaneExpressions expr;

    Sql92Mode(LaneExpressions expr) {
        this.expr = expr;
    }

    void detect(ConsumerState s) throws Exception {
        MQClientInstance factory = s.clientFactory();
        if (factory == null) {
            return;
        }
        for (String topic : s.subs.keySet()) {
            String addr = factory.findBrokerAddrByTopic(topic);
            if (addr == null) {
                continue;
            }
            Properties p = factory.getMQClientAPIImpl().getBrokerConfig(addr, BrokerQueries.TIMEOUT);
            boolean on = !"false".equalsIgnoreCase(p.getProperty("enablePropertyFilter", "true").trim());
            if (!on && !s.clientFilter) {
                fallback(s, "broker " + addr + " has enablePropertyFilter=false");
            }
            if (on && s.gray()) {
                for (Map.Entry<String, ConsumerState.Sub> e : s.subs.entrySet()) {
                    s.subscribeSql(e.getKey(), expr.graySql(e.getValue().type, e.getValue().expression, s.lane));
                }
            }
            s.sql92 = on;
            return;
        }
    }

    private void fallback(ConsumerState s, String why) throws Exception {
        s.sql92 = Boolean.FALSE;
        s.clientFilter = true;
        AgentLogger.warnOnce("mq-no-sql92", "rocketmq: the broker does not support SQL92 filtering (" + why
                + "); consumers filter lanes client-side: every message is pulled, other lanes' messages are"
                + " acknowledged and dropped. Set enablePropertyFilter=true on the broker for server-side filtering.",
                null);
        MetricRegistry.counter("graylane_mq_client_filter_total",
                "consumers that fell back to client-side lane filtering (broker without SQL92)",
                "group", s.group).inc();
        // lite pull sends its expression with every pull: the application's own goes back, as for push consumers
        for (Map.Entry<String, ConsumerState.Sub> e : s.subs.entrySet()) {
            s.subscribeAsApplication(e.getKey(), e.getValue());
        }
    }
}
