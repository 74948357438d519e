package dev.opsdeck.console.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.shell.Session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@link AuditSource} over the session's API client: {@code GET /admin/audit} and {@code GET /admin/audit/verify}. */
public final class HttpAuditSource implements AuditSource {
    private final Session session;
    private final Clock clock;

    public HttpAuditSource(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public Page page(AuditFilter filter, Long beforeId, int limit) throws ApiException {
        JsonNode answer = session.api().get(filter.query(clock.instant(), beforeId, limit));
        List<AuditEntry> entries = new ArrayList<>();
        answer.path("entries").forEach(n -> entries.add(AuditEntry.from(n)));
        JsonNode next = answer.path("next_before_id");
        return new Page(entries, next.isIntegralNumber() ? next.asLong() : null);
    }

    @Override
    public Verdict verify() throws ApiException {
        JsonNode v = session.api().get("/admin/audit/verify");
        JsonNode broken = v.path("first_broken_id");
        return new Verdict(v.path("valid").asBoolean(false), v.path("checked").asLong(),
                broken.isIntegralNumber() ? broken.asLong() : null, v.path("reason").isTextual() ? v.path("reason").asText() : null);
    }
}
