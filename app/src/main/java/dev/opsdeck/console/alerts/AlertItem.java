package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pending or firing alert as {@code GET /admin/alerts} shows it, with what the page needs: the summary, its runbook
 * steps and actions (placeholders already filled from the labels), and who muted it.
 *
 * @param ackOwner    owner of the active acknowledgement, or empty
 * @param silencedBy  ids of the silences muting it
 */
public record AlertItem(String fingerprint, String ruleName, String state, String severity, Map<String, String> labels,
                        String summary, double value, Instant since, boolean muted, String ackOwner, long ackId,
                        List<Long> silencedBy, String runbookTitle, List<String> steps, List<RunbookAction> actions) {

    /** Firing before pending, then critical before warning before info, then the oldest first. */
    public static final Comparator<AlertItem> ORDER = Comparator
            .comparing((AlertItem a) -> "firing".equals(a.state()) ? 0 : 1)
            .thenComparingInt(a -> Severity.rank(a.severity()))
            .thenComparing(AlertItem::since, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AlertItem::fingerprint);

    /**
     * The labels that tell two alerts of one rule apart ({@code route=/api/x}), without the alert name and
     * severity every alert of the rule shares; empty when there are none.
     */
    public String distinguishingLabels() {
        return labels.entrySet().stream().filter(e -> !e.getKey().equals("alertname") && !e.getKey().equals("severity"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean firing() {
        return "firing".equals(state);
    }

    static AlertItem of(JsonNode a) {
        Map<String, String> labels = new LinkedHashMap<>();
        a.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<Long> silences = new ArrayList<>();
        a.path("silenced_by").forEach(n -> silences.add(n.asLong()));
        JsonNode rb = a.path("runbook");
        List<String> steps = new ArrayList<>();
        rb.path("steps").forEach(n -> steps.add(n.asText()));
        List<RunbookAction> actions = new ArrayList<>();
        rb.path("actions").forEach(n -> actions.add(RunbookAction.of(n).forAlert(labels)));
        JsonNode ack = a.path("acknowledged_by");
        return new AlertItem(a.path("fingerprint").asText(), a.path("rule_name").asText(), a.path("state").asText(),
                a.path("severity").asText("warning"), Map.copyOf(labels), a.path("annotations").path("summary").asText(""),
                a.path("value").asDouble(Double.NaN), Json.instant(a.path("active_since")), a.path("muted").asBoolean(),
                ack.path("owner").asText(""), ack.path("id").asLong(0), List.copyOf(silences),
                rb.path("title").asText(""), List.copyOf(steps), List.copyOf(actions));
    }
}
