package dev.opsdeck.backend.alerts;

import java.time.Instant;

/**
 * An acknowledgement: {@code owner} is on it until {@code expiresAt}. With {@code clearOnResolve} it ends once
 * the alert has stayed resolved for the flap guard, so an alert that flickers resolved-firing keeps its owner.
 *
 * @param resolvedAt when the acknowledged alert last resolved (null while it fires)
 * @param endedAt    when the ack stopped applying (expired, cleared, withdrawn), null while active
 */
public record Ack(long id, String fingerprint, String ruleName, String owner, String comment, Instant createdAt,
                  Instant expiresAt, boolean clearOnResolve, Instant resolvedAt, Instant endedAt, String endReason) {

    public boolean activeAt(Instant now) {
        return endedAt == null && now.isBefore(expiresAt);
    }
}
