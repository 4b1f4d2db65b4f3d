package io.graylane.rules.nacos;

import io.graylane.rules.RuleHolder;
import io.graylane.rules.RuleLog;
import io.graylane.rules.source.LastGoodCache;
import io.graylane.rules.source.NacosRuleSource;
import io.graylane.rules.source.NacosSettings;

import java.nio.file.Paths;

/**
 * The "other JVM" of {@link NacosPushIT}: a rule holder fed by {@link NacosRuleSource}. Prints
 * {@code APPLIED <version> <epochMillis>} for each applied document and {@code LOG ...} for its log.
 * Args: serverAddr dataId group cacheFile. Exits when stdin closes.
 */
public final class NacosPushChild {
    public static void main(String[] args) throws Exception {
        RuleHolder holder = new RuleHolder();
        holder.setLog(new RuleLog() {
            @Override
            public void info(String message) {
                System.out.println("LOG INFO " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println("LOG WARN " + message);
            }
        });
        holder.addListener((previous, current, origin) ->
                System.out.println("APPLIED " + current.version() + " " + System.currentTimeMillis()));
        NacosSettings s = new NacosSettings();
        s.serverAddr = args[0];
        s.dataId = args[1];
        s.group = args[2];
        s.initialWaitMillis = 20_000;
        NacosRuleSource source = new NacosRuleSource(s, holder, new LastGoodCache(Paths.get(args[3]), holder.log()));
        source.start();
        System.out.println("READY connected=" + source.connected() + " version=" + holder.version());
        while (System.in.read() >= 0) {
            // run until the parent closes stdin
        }
        source.close();
        System.out.println("CLOSED rejected=" + holder.rejectedCount());
    }
}
