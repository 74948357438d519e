package dev.opsdeck.backend.alerts;

import java.time.Instant;

/** A webhook delivery that failed every retry. */
public record DeadLetter(long id, Instant createdAt, String groupKey, String payload, int attempts, String lastError,
                         Instant redeliveredAt) {
}
