package io.graylane.rules;

import io.graylane.rules.model.BucketHasher;
import io.graylane.rules.model.Lane;
import io.graylane.rules.model.Toggle;

import java.util.List;

/**
 * Warns about lanes that every request hits: legal (that is what {@code fullGray} is for), but on a real rollout it
 * sends all traffic to the lane, so {@code rules validate} and the log say so.
 */
final class EveryoneCheck {
    private EveryoneCheck() {
    }

    static void lanes(List<Lane> lanes, Problems problems) {
        for (Lane l : lanes) {
            String why = whyEveryone(l.toggle());
            if (why != null) {
                problems.warn("lanes." + l.name(), "every request hits this lane (" + why + ")");
            }
        }
    }

    /** Why every request hits the toggle, or null when some request does not. */
    static String whyEveryone(Toggle t) {
        if (!t.enabled()) {
            return null;
        }
        if (t.fullGray()) {
            return "fullGray";
        }
        boolean everyoneInBucket = t.bucket() == null || t.bucket().rate() >= BucketHasher.BUCKETS;
        if (!everyoneInBucket) {
            return null;
        }
        String gate = t.bucket() == null ? "there is no bucket" : "bucket rate " + t.bucket().rate();
        if (t.rules().isEmpty()) {
            return t.bucket() == null ? null : gate + " and no rules";
        }
        for (int i = 0; i < t.rules().size(); i++) {
            if (t.rules().get(i).conditions().isEmpty()) {
                return "rules[" + i + "] has no conditions and " + gate;
            }
        }
        return null;
    }
}
