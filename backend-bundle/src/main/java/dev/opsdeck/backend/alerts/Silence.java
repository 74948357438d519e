package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Matcher;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Mutes notifications for every alert whose labels match all {@code matchers}, between the two instants. */
public record Silence(long id, List<Matcher> matchers, String reason, String createdBy, Instant startsAt, Instant endsAt,
                      Instant createdAt, boolean expiredNotified) {

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}
