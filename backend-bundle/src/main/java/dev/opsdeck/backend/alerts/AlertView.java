package dev.opsdeck.backend.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * An alert as the API shows it.
 *
 * @param activeSince    first breaching evaluation ("since" in the console)
 * @param silencedBy     ids of the silences that mute it (empty when none)
 * @param acknowledgedBy the active acknowledgement, or null
 * @param muted          silenced or acknowledged: no notifications go out for it
 */
public record AlertView(String ruleName, String fingerprint, String state, String severity, Map<String, String> labels,
                        Map<String, String> annotations, double value, Instant activeSince, Instant firedAt,
                        int consecutiveBreaches, java.util.List<Long> silencedBy, AckView acknowledgedBy, boolean muted,
                        Runbook runbook) {
}
