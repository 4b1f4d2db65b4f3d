package io.graylane.demo;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cron job {@value Jobs#TICK} (every second, on baseline TaskTrackers) since A-base submitted it: every fire up to
 * 3 s ago must have run exactly once, on the baseline TaskTracker. Fires are the cron times from the first run to that
 * bound.
 */
final class CronCheck {
    private final Trails trails;
    private final String baseline;

    CronCheck(Trails trails, String baseline) {
        this.trails = trails;
        this.baseline = baseline;
    }

    void report(Consumer<String> say, List<String> failures) throws IOException {
        long bound = System.currentTimeMillis() - 3000;
        Map<Long, List<String>> runs = trails.ticks(bound);
        if (runs.isEmpty()) {
            failures.add("the cron job " + Jobs.TICK + " never ran");
            return;
        }
        long first = runs.keySet().iterator().next();
        long fires = (bound - first) / 1000 + 1;
        int total = runs.values().stream().mapToInt(List::size).sum();
        long doubled = runs.values().stream().filter(l -> l.size() > 1).count();
        long missed = fires - runs.size();
        long offBase = runs.values().stream().flatMap(List::stream).filter(t -> !baseline.equals(t)).count();
        String line = String.format("fires=%d runs=%d doubled=%d missed=%d not-on-%s=%d", fires, total, doubled,
                missed, baseline, offBase);
        say.accept("cron " + Jobs.TICK + " (every second, baseline TaskTrackers): " + line);
        if (doubled != 0 || missed != 0 || offBase != 0 || total != fires) {
            failures.add("cron " + Jobs.TICK + ": " + line);
        }
    }
}
