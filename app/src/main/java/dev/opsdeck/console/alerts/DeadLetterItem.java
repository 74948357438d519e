package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A webhook delivery that failed every retry ({@code dead_letters[]} of {@code GET /admin/alerts/webhook}). */
public record DeadLetterItem(long id, Instant createdAt, String groupKey, int attempts, String lastError, Instant redeliveredAt) {
    static DeadLetterItem of(JsonNode d) {
        return new DeadLetterItem(d.path("id").asLong(), Json.instant(d.path("created_at")), Json.text(d.path("group_key")),
                d.path("attempts").asInt(), Json.text(d.path("last_error")), Json.instant(d.path("redelivered_at")));
    }
}
