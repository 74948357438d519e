package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An active acknowledgement ({@code GET /admin/alerts/acks}) with its expiry. */
public record AckItem(long id, String ruleName, String fingerprint, String owner, String comment, Instant expiresAt) {
    static AckItem of(JsonNode a) {
        return new AckItem(a.path("id").asLong(), a.path("rule_name").asText(), a.path("fingerprint").asText(),
                Json.text(a.path("owner")), Json.text(a.path("comment")), Json.instant(a.path("expires_at")));
    }
}
