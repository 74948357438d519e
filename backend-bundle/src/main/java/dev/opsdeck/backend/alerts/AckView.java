package dev.opsdeck.backend.alerts;

import java.time.Instant;

/** An acknowledgement with its countdown, computed at response time. */
public record AckView(long id, String fingerprint, String ruleName, String owner, String comment, Instant createdAt,
                      Instant expiresAt, long expiresInSeconds, boolean clearOnResolve, Instant resolvedAt, Instant endedAt,
                      String endReason, boolean active) {

    static AckView of(Ack a, Instant now) {
        long left = Math.max(0, java.time.Duration.between(now, a.expiresAt()).getSeconds());
        return new AckView(a.id(), a.fingerprint(), a.ruleName(), a.owner(), a.comment(), a.createdAt(), a.expiresAt(),
                a.activeAt(now) ? left : 0, a.clearOnResolve(), a.resolvedAt(), a.endedAt(), a.endReason(), a.activeAt(now));
    }
}
