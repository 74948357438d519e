package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceRegistry;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every managed service's status, and reconnect / start / stop / restart on one of them. */
final class ServiceRoutes {
    record RestartRequest(String service) {
    }

    private final ServiceRegistry services;
    private final EventBus events;
    private final Idempotency idempotency;
    private final OpsAudit audit;
    private final ObjectMapper mapper;

    ServiceRoutes(ServiceRegistry services, EventBus events, Idempotency idempotency, OpsAudit audit, ObjectMapper mapper) {
        this.services = services;
        this.events = events;
        this.idempotency = idempotency;
        this.audit = audit;
        this.mapper = mapper;
    }

    void register(Routes r) {
        r.get("/admin/services/status", Access.ADMIN, RateCategory.DEFAULT,
                "Upstreams and background services: state, latency, last error, since when", ctx -> ctx.json(snapshot()));
        r.get("/grpc/reconnect/{service}", Access.ADMIN, RateCategory.DEFAULT,
                "Reconnect a daemon client (relay guide path; same as POST /admin/services/{name}/reconnect)",
                ctx -> act(ctx, ctx.pathParam("service"), "reconnect", ManagedService::reconnect));
        r.post("/admin/services/{name}/reconnect", Access.ADMIN, RateCategory.DEFAULT, "Drop and re-establish a connection, then check it",
                ctx -> act(ctx, ctx.pathParam("name"), "reconnect", ManagedService::reconnect));
        r.post("/admin/services/{name}/start", Access.ADMIN, RateCategory.DEFAULT, "Start a stopped background service",
                ctx -> act(ctx, ctx.pathParam("name"), "start", startStop(true)));
        r.post("/admin/services/{name}/stop", Access.ADMIN, RateCategory.DEFAULT, "Stop a background service",
                ctx -> act(ctx, ctx.pathParam("name"), "stop", startStop(false)));
        r.post("/admin/restart/service", Access.ADMIN, RateCategory.DEFAULT,
                "Restart one background service ({\"service\": name}) without restarting the process", this::restart);
    }

    List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ManagedService s : services.all()) {
            out.add(describe(s, safeStatus(s)));
        }
        return out;
    }

    private static ServiceStatus safeStatus(ManagedService s) {
        try {
            return s.status();
        } catch (RuntimeException e) {
            return new ServiceStatus("unknown", null, "status failed: " + e.getMessage(), null, Map.of());
        }
    }

    static Map<String, Object> describe(ManagedService s, ServiceStatus st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", s.kind());
        m.put("state", st.state());
        m.put("latency_ms", st.latencyMs());
        m.put("last_error", st.lastError());
        m.put("since", st.since());
        m.put("details", st.details());
        m.put("actions", s.startStoppable() ? List.of("reconnect", "start", "stop", "restart") : List.of("reconnect", "restart"));
        return m;
    }

    private static Function<ManagedService, ServiceStatus> startStop(boolean start) {
        return s -> {
            if (!s.startStoppable()) {
                throw new ApiException(409, "not_startable", s.name() + " cannot be started or stopped; use reconnect");
            }
            return start ? s.start() : s.stop();
        };
    }

    private void act(Context ctx, String name, String action, Function<ManagedService, ServiceStatus> op) {
        ManagedService s = find(name, "service");
        idempotency.handle(ctx, "service." + action, () -> {
            ServiceStatus before = safeStatus(s);
            ServiceStatus after;
            try {
                after = op.apply(s);
            } catch (ApiException e) {
                throw e;
            } catch (UnsupportedOperationException e) {
                // The service says this action does not apply to it (e.g. stop on one that cannot stop): a request
                // the operator can correct, so 409 with the service's words rather than a 5xx that reads like an outage.
                audit.record(ctx, "service." + action, Map.of("service", name), "refused: not supported");
                throw new ApiException(409, "not_supported", name + " does not support " + action
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), Map.of("service", name, "action", action));
            } catch (RuntimeException e) {
                // Another domain's service failed at the action itself: the operator gets its words, not a 500.
                audit.record(ctx, "service." + action, Map.of("service", name), "failed: " + e.getMessage());
                throw new ApiException(502, "service_action_failed", name + ": " + action + " failed: " + e.getMessage());
            }
            audit.record(ctx, "service." + action, Map.of("service", name, "before", before.state()), "ok: " + after.state());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service", name);
            body.put("action", action);
            body.put("previous_state", before.state());
            body.put("status", describe(s, after));
            events.publish("ops", "service.action", body);
            return Idempotency.Response.ok(body);
        });
    }

    private void restart(Context ctx) {
        RestartRequest req = Json.body(ctx, mapper, RestartRequest.class);
        if (req.service() == null || req.service().isBlank()) {
            throw ApiException.invalidField("service", "is required (a name from /admin/services/status)");
        }
        // Restart = stop then start for background services; for connections it is a reconnect.
        act(ctx, req.service(), "restart", x -> {
            if (x.startStoppable()) {
                x.stop();
                return x.start();
            }
            return x.reconnect();
        });
    }

    private ManagedService find(String name, String field) {
        return services.find(name).orElseThrow(() -> new ApiException(404, "not_found", "no service '" + name + "'",
                Map.of("field", field, "known", services.all().stream().map(ManagedService::name).toList())));
    }
}
