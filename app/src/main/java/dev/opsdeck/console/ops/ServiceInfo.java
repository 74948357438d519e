package dev.opsdeck.console.ops;

import java.time.Instant;
import java.util.List;

/**
 * One managed service of {@code GET /admin/services/status}.
 *
 * @param state     {@code up}, {@code degraded}, {@code down}, {@code stopped}, {@code starting} or {@code unknown}
 * @param latencyMs last round trip, null when not measured
 * @param actions   what the backend accepts for it: {@code reconnect}, {@code start}, {@code stop}, {@code restart}
 */
public record ServiceInfo(String name, String kind, String state, Double latencyMs, String lastError, Instant since,
                          List<String> actions) {
}
