package dev.opsdeck.backend.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * The live state of one alert: one rule and one label set of its result. Mutable, owned by the
 * {@link AlertEngine} and only touched under its lock; views are copied out as {@link AlertView}s.
 */
final class AlertInstance {
    enum State { PENDING, FIRING }

    final String rule;
    final String fingerprint;
    final Map<String, String> labels;
    final Instant activeSince;
    State state = State.PENDING;
    Instant firedAt;
    int consecutive;
    double value;
    Instant lastEvaluated;
    /** Whether the webhook was told this alert fires; a resolved notice goes out only if so, as Alertmanager does. */
    boolean notified;

    AlertInstance(String rule, String fingerprint, Map<String, String> labels, Instant activeSince) {
        this.rule = rule;
        this.fingerprint = fingerprint;
        this.labels = Map.copyOf(labels);
        this.activeSince = activeSince;
    }

    String stateName() {
        return state == State.FIRING ? "firing" : "pending";
    }
}
