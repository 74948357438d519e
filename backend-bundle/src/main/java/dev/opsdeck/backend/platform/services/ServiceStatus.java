package dev.opsdeck.backend.platform.services;

import java.time.Instant;
import java.util.Map;

/**
 * State of a managed service.
 *
 * @param state     {@code up}, {@code degraded}, {@code down}, {@code stopped}, {@code starting}
 * @param latencyMs last measured round trip, or null when not applicable
 * @param lastError last failure in words, or null
 * @param since     when the service entered this state
 * @param details   extra numbers (block height, queue depth, ...)
 */
public record ServiceStatus(String state, Double latencyMs, String lastError, Instant since, Map<String, Object> details) {
}
