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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Silences, acknowledgements and the webhook's health: the operator's ways to quiet and check notifications. */
final class MuteRoutes {
    private final AlertService service;
    private final ObjectMapper mapper;
    private final AuditTrail audit;
    private final WebhookNotifier webhook;
    private final AlertRepository repo;

    MuteRoutes(AlertService service, ObjectMapper mapper, AuditTrail audit, WebhookNotifier webhook, AlertRepository repo) {
        this.service = service;
        this.mapper = mapper;
        this.audit = audit;
        this.webhook = webhook;
        this.repo = repo;
    }

    void register(Routes r) {
        r.get("/admin/alerts/silences", Access.ADMIN, RateCategory.DEFAULT, "Silences; those matching no alert are listed apart", this::silences);
        r.post("/admin/alerts/silences", Access.ADMIN, RateCategory.DEFAULT, "Silence alerts by label matchers for a duration", this::createSilence);
        r.delete("/admin/alerts/silences/{id}", Access.ADMIN, RateCategory.DEFAULT, "End a silence now", this::expireSilence);
        r.get("/admin/alerts/acks", Access.ADMIN, RateCategory.DEFAULT, "Active acknowledgements with their countdown", ctx ->
                ctx.json(withMuted(Map.of("acks", service.acks()))));
        r.post("/admin/alerts/acks", Access.ADMIN, RateCategory.DEFAULT, "Acknowledge an alert (owner, comment, expiry)", this::acknowledge);
        r.delete("/admin/alerts/acks/{id}", Access.ADMIN, RateCategory.DEFAULT, "Withdraw an acknowledgement", this::withdraw);
        r.get("/admin/alerts/webhook", Access.ADMIN, RateCategory.DEFAULT, "Alert webhook health and dead letters", ctx ->
                ctx.json(Map.of("status", webhook.status(), "dead_letters", repo.deadLetters(false, 50))));
        r.post("/admin/alerts/webhook/redeliver", Access.ADMIN, RateCategory.DEFAULT, "Redeliver the webhook's dead letters", ctx -> {
            var status = webhook.reconnect();
            record(ctx, "alerts.webhook.redeliver", Map.of(), "ok");
            ctx.json(Map.of("status", status));
        });
    }

    private void silences(Context ctx) {
        boolean all = "true".equals(ctx.queryParam("include_expired"));
        List<AlertService.SilenceView> list = service.silences(all);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silences", list);
        m.put("matching_nothing", list.stream().filter(AlertService.SilenceView::matchesNothing).toList());
        ctx.json(withMuted(m));
    }

    private void createSilence(Context ctx) {
        Requests.SilenceBody b = Json.body(ctx, mapper, Requests.SilenceBody.class);
        var matchers = b.validMatchers(service::labelsOf);
        Duration d = Requests.duration("duration", b.duration(), null);
        String reason = b.validReason();
        Silence s = service.silence(matchers, d, b.startsAt(), reason, principal(ctx));
        record(ctx, "alerts.silence.create", Map.of("id", s.id(), "matchers", matchers.stream().map(dev.opsdeck.backend.alerts.expr.Matcher::promql).toList(),
                "ends_at", s.endsAt().toString(), "reason", reason), "ok");
        AlertService.SilenceView v = service.silences(false).stream().filter(x -> x.id() == s.id()).findFirst()
                .orElse(new AlertService.SilenceView(s, 0, false));
        ctx.status(201).json(withMuted(Map.of("silence", v)));
    }

    private void expireSilence(Context ctx) {
        long id = idParam(ctx);
        Silence s = service.expireSilence(id);
        record(ctx, "alerts.silence.expire", Map.of("id", id), "ok");
        ctx.json(withMuted(Map.of("silence", new AlertService.SilenceView(s, 0, false))));
    }

    private void acknowledge(Context ctx) {
        Requests.AckBody b = Json.body(ctx, mapper, Requests.AckBody.class);
        String fp = b.validFingerprint();
        String comment = b.validComment();
        String owner = b.validOwner(principal(ctx));
        Duration d = Requests.duration("duration", b.duration(), Duration.ofHours(4));
        AckView a = service.acknowledge(fp, owner, comment, d, Boolean.TRUE.equals(b.clearOnResolve()));
        record(ctx, "alerts.ack.create", Map.of("id", a.id(), "fingerprint", fp, "owner", owner, "expires_at", a.expiresAt().toString()), "ok");
        ctx.status(201).json(withMuted(Map.of("ack", a)));
    }

    private void withdraw(Context ctx) {
        long id = idParam(ctx);
        AckView a = service.withdrawAck(id);
        record(ctx, "alerts.ack.withdraw", Map.of("id", id), "ok");
        ctx.json(withMuted(Map.of("ack", a)));
    }

    private Map<String, Object> withMuted(Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        m.put("muted_count", AlertService.mutedCount(service.alerts()));
        return m;
    }

    private static long idParam(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("id", "a number");
        }
    }

    private static String principal(Context ctx) {
        Principal p = ctx.attribute("opsdeck.principal");
        return p == null ? "unknown" : p.name();
    }

    private void record(Context ctx, String action, Map<String, ?> params, String result) {
        audit.record(principal(ctx), action, params, result, ctx.ip());
    }
}
