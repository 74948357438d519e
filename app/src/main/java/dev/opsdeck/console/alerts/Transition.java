package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One state change of one alert, as {@code GET /admin/alerts/history} lists it. */
public record Transition(long id, Instant at, String ruleName, String fingerprint, Map<String, String> labels,
                         String severity, String from, String to, Double value, String note) {
    static Transition of(JsonNode t) {
        Map<String, String> labels = new TreeMap<>();
        t.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new Transition(t.path("id").asLong(), Json.instant(t.path("occurred_at")), t.path("rule_name").asText(),
                t.path("fingerprint").asText(), Map.copyOf(labels), t.path("severity").asText(),
                t.path("from_state").asText(), t.path("to_state").asText(),
                t.path("value").isNumber() ? t.path("value").asDouble() : null, Json.text(t.path("note")));
    }
}
