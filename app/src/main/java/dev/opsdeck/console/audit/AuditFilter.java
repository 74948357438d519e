package dev.opsdeck.console.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;

/**
 * What the user filters the audit log by. Blank text does not filter; {@code action} ending in {@code *} matches
 * as a prefix (the backend's rule), e.g. {@code alerts.*}.
 */
public record AuditFilter(AuditRange range, String actor, String action, String result) {
    /** Everything, all time. */
    public static final AuditFilter ALL = new AuditFilter(AuditRange.ALL, "", "", "");

    /**
     * Query string for {@code GET /admin/audit}, newest first.
     *
     * @param now      the clock's now: the range reaches back from it
     * @param beforeId the oldest id already shown, to page further back; null for the newest page
     */
    public String query(Instant now, Long beforeId, int limit) {
        StringJoiner q = new StringJoiner("&", "/admin/audit?", "");
        q.add("limit=" + limit);
        add(q, "actor", actor);
        add(q, "action", action);
        add(q, "result", result);
        range.span().ifPresent(span -> q.add("since=" + now.minus(span).truncatedTo(ChronoUnit.SECONDS)));
        if (beforeId != null) {
            q.add("before_id=" + beforeId);
        }
        return q.toString();
    }

    private static void add(StringJoiner q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.add(name + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }
}
