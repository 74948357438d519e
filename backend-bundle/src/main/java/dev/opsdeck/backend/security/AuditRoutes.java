package dev.opsdeck.backend.security;

import dev.opsdeck.backend.platform.audit.AuditLogReader;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/audit} with filters and {@code GET /admin/audit/verify}. */
final class AuditRoutes {
    private final AuditLogReader reader;

    AuditRoutes(AuditLogReader reader) {
        this.reader = reader;
    }

    void register(Routes r) {
        r.get("/admin/audit", Access.ADMIN, RateCategory.DEFAULT,
                "Audit log, newest first; filters actor, action (prefix with *), result, source_ip, since, until, before_id, limit",
                this::list);
        r.get("/admin/audit/verify", Access.ADMIN, RateCategory.DEFAULT,
                "Verifies the audit hash chain; names the first broken row", ctx -> {
                    AuditLogReader.Verification v = reader.verify();
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("valid", v.valid());
                    out.put("checked", v.checked());
                    out.put("first_broken_id", v.firstBrokenId());
                    out.put("reason", v.reason());
                    out.put("head_hash", v.headHash());
                    ctx.json(out);
                });
    }

    private void list(Context ctx) {
        int limit = intParam(ctx, "limit", 100, 1, 1000);
        Long before = ctx.queryParam("before_id") == null ? null : (long) intParam(ctx, "before_id", 0, 1, Integer.MAX_VALUE);
        AuditLogReader.Filter f = new AuditLogReader.Filter(text(ctx, "actor"), text(ctx, "action"), text(ctx, "result"),
                text(ctx, "source_ip"), time(ctx, "since"), time(ctx, "until"), before, limit);
        List<AuditLogReader.Entry> entries = reader.list(f);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", entries);
        out.put("count", entries.size());
        out.put("next_before_id", entries.size() == limit ? entries.get(entries.size() - 1).id() : null);
        ctx.json(out);
    }

    private static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > 256) {
            throw ApiException.invalidField(name, "is longer than 256 characters");
        }
        return v.trim();
    }

    private static Instant time(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    static int intParam(Context ctx, String name, int def, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiException.invalidField(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number");
        }
    }
}
