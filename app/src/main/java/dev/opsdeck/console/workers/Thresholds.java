package dev.opsdeck.console.workers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The heartbeat ages the backend judged every state by (seconds): online below {@code lateAfter}, late below
 * {@code staleAfter}, stale below {@code offlineAfter}, offline beyond.
 */
public record Thresholds(long expectedInterval, long lateAfter, long staleAfter, long offlineAfter) {
    /** From the {@code thresholds} object every fleet answer carries; null when absent. */
    static Thresholds of(JsonNode t) {
        if (t == null || !t.isObject()) {
            return null;
        }
        return new Thresholds(t.path("expected_interval_seconds").asLong(), t.path("late_after_seconds").asLong(),
                t.path("stale_after_seconds").asLong(), t.path("offline_after_seconds").asLong());
    }
}
