package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.opsdeck.backend.alerts.expr.Durations;
import dev.opsdeck.backend.alerts.expr.Expr;
import dev.opsdeck.backend.alerts.expr.ExprParser;

import java.time.Instant;

/**
 * A stored rule: alert when {@code expr comparison threshold} holds for {@code forSeconds} and for at least
 * {@code consecutive} evaluations in a row. {@code expr} and {@link #promql()} are valid PromQL, so the same
 * rule runs in a real Prometheus (see {@link PrometheusRuleFile}).
 */
public record AlertRule(String name, String expr, String comparison, double threshold, long forSeconds, int consecutive,
                        String severity, String summary, String description, Runbook runbook, boolean builtin,
                        boolean enabled, Instant createdAt, Instant updatedAt) {

    /** The whole alerting expression, as a Prometheus rule file carries it. */
    public String promql() {
        return expr + " " + comparison + " " + formatThreshold(threshold);
    }

    /** The {@code for} duration in Prometheus notation. */
    public String forText() {
        return Durations.format(forSeconds);
    }

    @JsonIgnore
    public Expr parsed() {
        return ExprParser.parse(expr);
    }

    public AlertRule withEnabled(boolean on, Instant at) {
        return new AlertRule(name, expr, comparison, threshold, forSeconds, consecutive, severity, summary, description,
                runbook, builtin, on, createdAt, at);
    }

    /** {@code 300} rather than {@code 300.0}: what an operator wrote, and what promtool shows back. */
    static String formatThreshold(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
