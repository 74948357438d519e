package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One recent evaluation of a rule ({@code rule.evaluations[]}): how many series, how many breached, the value. */
public record Evaluation(Instant at, int series, int breaching, Double value, String error) {
    static Evaluation of(JsonNode e) {
        return new Evaluation(Json.instant(e.path("at")), e.path("series").asInt(), e.path("breaching").asInt(),
                e.path("value").isNumber() ? e.path("value").asDouble() : null, Json.text(e.path("error")));
    }
}
