package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.security.Principal;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rules, alerts and history routes. Every admin write is audited, and every body names the muted count. */
final class AlertRoutes {
    private final AlertService service;
    private final ObjectMapper mapper;
    private final AuditTrail audit;
    private final java.time.Clock clock;

    AlertRoutes(AlertService service, ObjectMapper mapper, AuditTrail audit, java.time.Clock clock) {
        this.service = service;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    void register(Routes r) {
        r.get("/admin/alerts", Access.ADMIN, RateCategory.DEFAULT, "Firing and pending alerts, recent transitions, muted count", this::adminAlerts);
        r.get("/monitoring/alerts", Access.DASHBOARD, RateCategory.STATUS, "Active alerts (relay operator guide monitoring view)", this::monitoringAlerts);
        r.get("/admin/alerts/history", Access.ADMIN, RateCategory.ANALYTICS, "Alert transitions by time, rule, severity", this::history);
        r.post("/admin/alerts/evaluate", Access.ADMIN, RateCategory.DEFAULT, "Evaluate every enabled rule now", this::evaluate);
        r.get("/admin/alerts/rules", Access.ADMIN, RateCategory.DEFAULT, "Alert rules (?format=prometheus for a rule file)", this::rules);
        r.post("/admin/alerts/rules", Access.ADMIN, RateCategory.DEFAULT, "Create an alert rule", this::create);
        r.get("/admin/alerts/rules/{rule_name}", Access.ADMIN, RateCategory.DEFAULT, "One rule with its recent evaluations", ctx ->
                ctx.json(withMuted(Map.of("rule", service.rule(ctx.pathParam("rule_name"))))));
        r.put("/admin/alerts/rules/{rule_name}", Access.ADMIN, RateCategory.DEFAULT, "Edit an alert rule", this::edit);
        r.delete("/admin/alerts/rules/{rule_name}", Access.ADMIN, RateCategory.DEFAULT, "Delete a custom alert rule", this::delete);
        r.post("/admin/alerts/rules/{rule_name}/toggle", Access.ADMIN, RateCategory.DEFAULT, "Enable or disable a rule; disabling resolves its alerts", this::toggle);
    }

    private void adminAlerts(Context ctx) {
        List<AlertView> alerts = service.alerts();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firing", alerts.stream().filter(a -> a.state().equals("firing")).toList());
        m.put("pending", alerts.stream().filter(a -> a.state().equals("pending")).toList());
        m.put("firing_count", alerts.stream().filter(a -> a.state().equals("firing")).count());
        m.put("pending_count", alerts.stream().filter(a -> a.state().equals("pending")).count());
        m.put("muted_count", AlertService.mutedCount(alerts));
        m.put("last_evaluation", service.lastEvaluation());
        Instant now = clock.instant();
        m.put("recent_transitions", service.history(now.minus(Duration.ofHours(24)), now, null, null, null, 50));
        ctx.json(m);
    }

    private void monitoringAlerts(Context ctx) {
        List<AlertView> alerts = service.alerts();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alerts", alerts);
        m.put("count", alerts.size());
        m.put("muted_count", AlertService.mutedCount(alerts));
        m.put("last_evaluation", service.lastEvaluation());
        ctx.json(m);
    }

    private void history(Context ctx) {
        Instant now = clock.instant();
        Instant until = instantParam(ctx, "until", now);
        Instant since = instantParam(ctx, "since", null);
        if (since == null) {
            int hours = intParam(ctx, "hours", 24, 1, 24 * 90);
            since = until.minus(Duration.ofHours(hours));
        }
        if (since.isAfter(until)) {
            throw ApiException.invalidField("since", "must not be after until");
        }
        String severity = ctx.queryParam("severity");
        if (severity != null && !RuleRequest.SEVERITIES.contains(severity)) {
            throw ApiException.invalidField("severity", "one of critical, warning, info");
        }
        int limit = intParam(ctx, "limit", 200, 1, 5000);
        List<Transition> ts = service.history(since, until, ctx.queryParam("rule"), severity, ctx.queryParam("fingerprint"), limit);
        ctx.json(withMuted(Map.of("transitions", ts, "count", ts.size(), "since", since, "until", until)));
    }

    private void evaluate(Context ctx) {
        List<Transition> ts = service.evaluateNow();
        record(ctx, "alerts.evaluate", Map.of(), "ok: " + ts.size() + " transition(s)");
        ctx.json(withMuted(Map.of("transitions", ts, "evaluated_at", service.lastEvaluation())));
    }

    private void rules(Context ctx) {
        String format = ctx.queryParam("format");
        if ("prometheus".equals(format)) {
            ctx.contentType("application/yaml; charset=utf-8").result(service.prometheusRuleFile());
            return;
        }
        if (format != null && !format.equals("json")) {
            throw ApiException.invalidField("format", "json or prometheus");
        }
        ctx.json(withMuted(Map.of("rules", service.rules())));
    }

    private void create(Context ctx) {
        RuleRequest req = Json.body(ctx, mapper, RuleRequest.class);
        RuleView v = service.create(req);
        record(ctx, "alerts.rule.create", Map.of("rule", v.name(), "promql", v.promql()), "ok");
        ctx.status(201).json(withMuted(Map.of("rule", v)));
    }

    private void edit(Context ctx) {
        RuleRequest req = Json.body(ctx, mapper, RuleRequest.class);
        AlertService.Change c = service.edit(ctx.pathParam("rule_name"), req);
        record(ctx, "alerts.rule.update", Map.of("rule", c.rule().name(), "promql", c.rule().promql(), "enabled", c.rule().enabled()), "ok");
        ctx.json(withMuted(changeBody(c, c.endedAlerts().isEmpty() ? "rule updated" : "rule updated and disabled")));
    }

    private void delete(Context ctx) {
        AlertService.Change c = service.delete(ctx.pathParam("rule_name"));
        record(ctx, "alerts.rule.delete", Map.of("rule", c.rule().name()), "ok");
        ctx.json(withMuted(changeBody(c, "rule deleted")));
    }

    private void toggle(Context ctx) {
        Boolean to = null;
        if (ctx.bodyAsBytes().length > 0) {
            to = Json.body(ctx, mapper, Requests.Toggle.class).enabled();
        }
        String name = ctx.pathParam("rule_name");
        AlertService.Change c = service.toggle(name, to);
        record(ctx, "alerts.rule.toggle", Map.of("rule", name, "enabled", c.rule().enabled()), "ok");
        ctx.json(withMuted(changeBody(c, c.rule().enabled() ? "rule enabled" : "rule disabled")));
    }

    private Map<String, Object> changeBody(AlertService.Change c, String what) {
        long firing = c.endedAlerts().stream().filter(t -> t.toState().equals("resolved")).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", c.rule());
        m.put("enabled", c.rule().enabled());
        m.put("resolved_alerts", c.endedAlerts());
        m.put("message", c.endedAlerts().isEmpty() ? what
                : what + "; " + firing + " firing alert(s) resolved and " + (c.endedAlerts().size() - firing) + " pending alert(s) dropped");
        return m;
    }

    private Map<String, Object> withMuted(Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        m.put("muted_count", AlertService.mutedCount(service.alerts()));
        return m;
    }

    private void record(Context ctx, String action, Map<String, ?> params, String result) {
        Principal p = ctx.attribute("opsdeck.principal");
        audit.record(p == null ? "unknown" : p.name(), action, params, result, ctx.ip());
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the 400 below
        }
        throw ApiException.invalidField(name, "an integer between " + min + " and " + max);
    }

    private static Instant instantParam(Context ctx, String name, Instant fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
