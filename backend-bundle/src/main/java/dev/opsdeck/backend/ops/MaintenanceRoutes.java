package dev.opsdeck.backend.ops;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Retention cleanup (dry run first) and the recent-log reader. */
final class MaintenanceRoutes {
    /**
     * @param confirm in stage/prod a real run must repeat the profile name here: the backend's own guard against
     *                a console that skipped its typed confirmation
     */
    record CleanupRequest(Integer days, Boolean dryRun, String confirm) {
    }

    private final CleanupService cleanup;
    private final LogRing logs;
    private final Idempotency idempotency;
    private final OpsAudit audit;
    private final ObjectMapper mapper;
    private final Profile profile;

    MaintenanceRoutes(CleanupService cleanup, LogRing logs, Idempotency idempotency, OpsAudit audit, ObjectMapper mapper, Profile profile) {
        this.cleanup = cleanup;
        this.logs = logs;
        this.idempotency = idempotency;
        this.audit = audit;
        this.mapper = mapper;
        this.profile = profile;
    }

    void register(Routes r) {
        r.post("/admin/maintenance/cleanup", Access.ADMIN, RateCategory.DEFAULT,
                "Retention cleanup {days, dry_run}: the dry run counts per table, the real run deletes in batches", this::cleanup);
        r.get("/admin/logs/recent", Access.ADMIN, RateCategory.DEFAULT,
                "Recent log lines, newest first (?limit=100&level=warn&q=text); live tail on /ws topic logs", this::recent);
    }

    private void cleanup(Context ctx) {
        CleanupRequest req = Json.body(ctx, mapper, CleanupRequest.class);
        if (req.days() == null) {
            throw ApiException.invalidField("days", "is required (1 to 3650)");
        }
        if (req.days() < 1 || req.days() > 3650) {
            throw ApiException.invalidField("days", "must be between 1 and 3650");
        }
        boolean dryRun = req.dryRun() == null || req.dryRun(); // deleting must be asked for explicitly
        if (!dryRun && profile.strict() && !profile.id().equals(req.confirm())) {
            throw ApiException.invalidField("confirm", "a real cleanup in " + profile.id() + " needs \"confirm\": \"" + profile.id() + "\"");
        }
        idempotency.handle(ctx, "maintenance.cleanup", () -> {
            CleanupService.Result res = cleanup.run(req.days(), dryRun);
            Map<String, Object> counts = new LinkedHashMap<>();
            res.tables().forEach(t -> counts.put(t.table(), t.rows()));
            audit.record(ctx, "maintenance.cleanup", Map.of("days", req.days(), "dry_run", dryRun, "rows", counts),
                    dryRun ? "dry_run" : "ok: deleted " + res.total());
            return Idempotency.Response.ok(res);
        });
    }

    private void recent(Context ctx) {
        int limit = intParam(ctx, "limit", 100, 1, 1000);
        String levelParam = ctx.queryParam("level");
        Level level = null;
        if (levelParam != null && !levelParam.isBlank()) {
            String l = levelParam.trim().toUpperCase(Locale.ROOT);
            if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR").contains(l)) {
                throw ApiException.invalidField("level", "must be one of trace, debug, info, warn, error");
            }
            level = Level.toLevel(l.equals("WARNING") ? "WARN" : l);
        }
        List<LogEntry> lines = logs.recent(limit, level, ctx.queryParam("q"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", lines.size());
        body.put("buffered", logs.size());
        body.put("capacity", logs.capacity());
        body.put("min_level", level == null ? null : level.toString());
        body.put("logs", lines);
        ctx.json(body);
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
