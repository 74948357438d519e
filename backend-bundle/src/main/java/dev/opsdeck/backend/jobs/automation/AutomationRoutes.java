package dev.opsdeck.backend.jobs.automation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.jobs.Params;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /admin/automation/tasks}: the recurring tasks with their next run, editable by operators. */
public final class AutomationRoutes {
    record Change(Long intervalSeconds, Boolean enabled, String nextRun) {
    }

    private final Automation automation;
    private final AuditTrail audit;
    private final ObjectMapper mapper;

    public AutomationRoutes(Automation automation, AuditTrail audit, ObjectMapper mapper) {
        this.automation = automation;
        this.audit = audit;
        this.mapper = mapper;
    }

    public void register(Routes r) {
        r.get("/admin/automation/tasks", Access.ADMIN, RateCategory.DEFAULT, "Recurring automation tasks with next_run and last run",
                ctx -> ctx.json(Map.of("tasks", automation.list())));
        r.put("/admin/automation/tasks/{name}", Access.ADMIN, RateCategory.DEFAULT,
                "Change a task's interval_seconds, enabled or next_run (ISO-8601)", this::change);
        r.post("/admin/automation/tasks/{name}/run", Access.ADMIN, RateCategory.DEFAULT, "Run a task now (moves next_run to now)",
                ctx -> {
                    String name = ctx.pathParam("name");
                    var row = automation.update(name, null, null, Instant.now());
                    audit.record(Params.principal(ctx).name(), "automation.run_now", Map.of("name", name), "ok", ctx.ip());
                    ctx.json(row);
                });
    }

    private void change(Context ctx) {
        String name = ctx.pathParam("name");
        if (!automation.known(name)) {
            throw ApiException.notFound("no automation task " + name);
        }
        Change c = Json.body(ctx, mapper, Change.class);
        if (c.intervalSeconds() != null && (c.intervalSeconds() < 1 || c.intervalSeconds() > 30L * 86_400)) {
            throw ApiException.invalidField("interval_seconds", "must be between 1 and 2592000");
        }
        Instant next = null;
        if (c.nextRun() != null) {
            try {
                next = OffsetDateTime.parse(c.nextRun()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField("next_run", "must be an ISO-8601 time with offset, e.g. 2026-01-01T10:00:00Z");
            }
        }
        if (c.intervalSeconds() == null && c.enabled() == null && next == null) {
            throw ApiException.badRequest("nothing to change: give interval_seconds, enabled or next_run");
        }
        var row = automation.update(name, c.intervalSeconds(), c.enabled(), next);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("interval_seconds", c.intervalSeconds());
        params.put("enabled", c.enabled());
        params.put("next_run", c.nextRun());
        audit.record(Params.principal(ctx).name(), "automation.update", params, "ok", ctx.ip());
        ctx.json(row);
    }
}
