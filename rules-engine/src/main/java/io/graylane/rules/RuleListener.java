package io.graylane.rules;

/** Told after a new rule document took effect. Called on the thread that applied it; keep it short. */
public interface RuleListener {
    void onRulesChanged(RuleDocument previous, RuleDocument current, String origin);
}
