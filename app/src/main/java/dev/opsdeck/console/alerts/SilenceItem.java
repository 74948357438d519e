package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A silence ({@code GET /admin/alerts/silences}); {@code matchesNothing} flags an active one that mutes no
 * live alert (a typo in a matcher, or the problem went away): worth a look, or an early end.
 */
public record SilenceItem(long id, String matchers, String reason, String createdBy, Instant endsAt, boolean active,
                          int matched, boolean matchesNothing) {
    static SilenceItem of(JsonNode s) {
        List<String> m = new ArrayList<>();
        s.path("matchers").forEach(x -> m.add(x.path("name").asText() + x.path("op").asText("=") + "\"" + x.path("value").asText() + "\""));
        return new SilenceItem(s.path("id").asLong(), "{" + String.join(", ", m) + "}", Json.text(s.path("reason")),
                Json.text(s.path("created_by")), Json.instant(s.path("ends_at")), s.path("active").asBoolean(),
                s.path("matched_alerts").asInt(), s.path("matches_nothing").asBoolean());
    }
}
