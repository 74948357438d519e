package dev.opsdeck.backend.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One persisted state change of one alert. {@code value} is what the expression returned when the change
 * happened (null when the alert ended without a value, e.g. its rule was disabled).
 */
public record Transition(Long id, Instant occurredAt, String ruleName, String fingerprint, Map<String, String> labels,
                         String severity, String fromState, String toState, Double value, String note) {
}
