package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rule as {@code GET /admin/alerts/rules} shows it. {@code runbook} is kept as the backend sent it so an edit
 * sends it back unchanged (a PUT replaces the whole rule).
 *
 * @param state firing, pending, inactive or disabled
 */
public record RuleItem(String name, String expr, String comparison, double threshold, String forText, int consecutive,
                       String severity, String summary, String description, JsonNode runbook, boolean builtin,
                       boolean enabled, String promql, String state, int activeAlerts) {

    static RuleItem of(JsonNode r) {
        return new RuleItem(r.path("name").asText(), r.path("expr").asText(), r.path("comparison").asText(">"),
                r.path("threshold").asDouble(), Json.text(r.path("for")), r.path("consecutive").asInt(1),
                r.path("severity").asText("warning"), Json.text(r.path("summary")), Json.text(r.path("description")),
                r.path("runbook").isObject() ? r.path("runbook") : null, r.path("builtin").asBoolean(),
                r.path("enabled").asBoolean(), r.path("promql").asText(), r.path("state").asText(),
                r.path("active_alerts").asInt());
    }

    /** The editor's starting point for this rule. */
    public RuleDraft draft() {
        return new RuleDraft(name, expr, comparison, Format.value(threshold), forText, Integer.toString(consecutive),
                severity, summary, description, runbook, enabled);
    }
}
