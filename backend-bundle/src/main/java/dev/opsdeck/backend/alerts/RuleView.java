package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A rule as the API shows it: the stored fields, the whole PromQL, and its live state.
 *
 * @param state        {@code firing} if any of its alerts fires, else {@code pending}, {@code inactive} or {@code disabled}
 * @param activeAlerts how many alerts (label sets) are pending or firing
 * @param evaluations  the last evaluations, newest first (only on the single-rule view)
 */
public record RuleView(String name, String expr, String comparison, double threshold, @JsonProperty("for") String forText,
                       long forSeconds, int consecutive, String severity, String summary, String description, Runbook runbook,
                       boolean builtin, boolean enabled, String promql, String state, int activeAlerts, Instant createdAt,
                       Instant updatedAt, List<EvaluationRecord> evaluations) {

    static RuleView of(AlertRule r, List<AlertView> alerts, List<EvaluationRecord> evaluations) {
        List<AlertView> mine = alerts.stream().filter(a -> a.ruleName().equals(r.name())).toList();
        String state = !r.enabled() ? "disabled" : mine.stream().anyMatch(a -> a.state().equals("firing")) ? "firing"
                : mine.isEmpty() ? "inactive" : "pending";
        return new RuleView(r.name(), r.expr(), r.comparison(), r.threshold(), r.forText(), r.forSeconds(), r.consecutive(),
                r.severity(), r.summary(), r.description(), r.runbook(), r.builtin(), r.enabled(), r.promql(), state, mine.size(),
                r.createdAt(), r.updatedAt(), evaluations);
    }
}
